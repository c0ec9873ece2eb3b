# Generated from crds/profilecatalogsources.yaml by `python -m kubectl_profiles.schema`; do not edit.
# tests/unit/test_generated_validators.py regenerates it and compares, and holds its verdicts to
# jsonschema's (Draft 7, no format checker) on the same schema.
# fmt: off
import re

from kubectl_profiles.generated import SchemaMismatch

_PATTERN_0 = re.compile('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')
_PATTERN_1 = re.compile('^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$')
_PATTERN_2 = re.compile('^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$')


def validate(data):
    """Raise SchemaMismatch unless `data` conforms (the first problem found; jsonschema lists them all)."""
    if not isinstance(data, dict):
        raise SchemaMismatch('data does not conform')
    if 'apiVersion' in data:
        v1 = data['apiVersion']
        if not isinstance(v1, str):
            raise SchemaMismatch('data.apiVersion does not conform')
    if 'kind' in data:
        v1 = data['kind']
        if not isinstance(v1, str):
            raise SchemaMismatch('data.kind does not conform')
    if 'metadata' in data:
        v1 = data['metadata']
        if not isinstance(v1, dict):
            raise SchemaMismatch('data.metadata does not conform')
    if 'spec' in data:
        v1 = data['spec']
        if not isinstance(v1, dict):
            raise SchemaMismatch('data.spec does not conform')
        if 'profiles' in v1:
            v2 = v1['profiles']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.profiles does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'name' not in v3 or not (('version' in v3) or ('tag' in v3)):
                    raise SchemaMismatch('data.spec.profiles[] does not conform')
                v4 = v3['name']
                if not isinstance(v4, str) or len(v4) > 63 or not _PATTERN_0.search(v4):
                    raise SchemaMismatch('data.spec.profiles[].name does not conform')
                if 'version' in v3:
                    v4 = v3['version']
                    if not isinstance(v4, str) or len(v4) > 128 or not _PATTERN_1.search(v4):
                        raise SchemaMismatch('data.spec.profiles[].version does not conform')
                if 'tag' in v3:
                    v4 = v3['tag']
                    if not isinstance(v4, str) or len(v4) > 256:
                        raise SchemaMismatch('data.spec.profiles[].tag does not conform')
                if 'url' in v3:
                    v4 = v3['url']
                    if not isinstance(v4, str) or len(v4) > 2048:
                        raise SchemaMismatch('data.spec.profiles[].url does not conform')
                if 'path' in v3:
                    v4 = v3['path']
                    if not isinstance(v4, str) or len(v4) > 1024:
                        raise SchemaMismatch('data.spec.profiles[].path does not conform')
                if 'description' in v3:
                    v4 = v3['description']
                    if not isinstance(v4, str) or len(v4) > 4096:
                        raise SchemaMismatch('data.spec.profiles[].description does not conform')
                if 'keywords' in v3:
                    v4 = v3['keywords']
                    if not isinstance(v4, list) or len(v4) > 64:
                        raise SchemaMismatch('data.spec.profiles[].keywords does not conform')
                    for v5 in v4:
                        if not isinstance(v5, str) or len(v5) > 128:
                            raise SchemaMismatch('data.spec.profiles[].keywords[] does not conform')
                if 'maintainer' in v3:
                    v4 = v3['maintainer']
                    if not isinstance(v4, str) or len(v4) > 512:
                        raise SchemaMismatch('data.spec.profiles[].maintainer does not conform')
                if 'catalog' in v3:
                    v4 = v3['catalog']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.spec.profiles[].catalog does not conform')
                if 'prerequisites' in v3:
                    v4 = v3['prerequisites']
                    if not isinstance(v4, list) or len(v4) > 64:
                        raise SchemaMismatch('data.spec.profiles[].prerequisites does not conform')
                    for v5 in v4:
                        if not isinstance(v5, str) or len(v5) > 512:
                            raise SchemaMismatch('data.spec.profiles[].prerequisites[] does not conform')
                if 'deprecated' in v3:
                    v4 = v3['deprecated']
                    if not isinstance(v4, str) or len(v4) > 1024:
                        raise SchemaMismatch('data.spec.profiles[].deprecated does not conform')
                if 'valuesSchema' in v3:
                    v4 = v3['valuesSchema']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.spec.profiles[].valuesSchema does not conform')
                if 'chart' in v3:
                    v4 = v3['chart']
                    if not isinstance(v4, dict) or 'url' not in v4 or 'name' not in v4:
                        raise SchemaMismatch('data.spec.profiles[].chart does not conform')
                    v5 = v4['url']
                    if not isinstance(v5, str) or len(v5) > 2048:
                        raise SchemaMismatch('data.spec.profiles[].chart.url does not conform')
                    v5 = v4['name']
                    if not isinstance(v5, str) or len(v5) > 253:
                        raise SchemaMismatch('data.spec.profiles[].chart.name does not conform')
                    if 'archive' in v4:
                        v5 = v4['archive']
                        if not isinstance(v5, str) or len(v5) > 2048:
                            raise SchemaMismatch('data.spec.profiles[].chart.archive does not conform')
                    if 'digest' in v4:
                        v5 = v4['digest']
                        if not isinstance(v5, str) or len(v5) > 128:
                            raise SchemaMismatch('data.spec.profiles[].chart.digest does not conform')
                if 'category' in v3:
                    v4 = v3['category']
                    if not isinstance(v4, str) or len(v4) > 128:
                        raise SchemaMismatch('data.spec.profiles[].category does not conform')
                if 'layer' in v3:
                    v4 = v3['layer']
                    if not isinstance(v4, str) or len(v4) > 128:
                        raise SchemaMismatch('data.spec.profiles[].layer does not conform')
                if 'links' in v3:
                    v4 = v3['links']
                    if not isinstance(v4, list) or len(v4) > 32:
                        raise SchemaMismatch('data.spec.profiles[].links does not conform')
                    for v5 in v4:
                        if not isinstance(v5, dict) or 'url' not in v5:
                            raise SchemaMismatch('data.spec.profiles[].links[] does not conform')
                        if 'name' in v5:
                            v6 = v5['name']
                            if not isinstance(v6, str) or len(v6) > 256:
                                raise SchemaMismatch('data.spec.profiles[].links[].name does not conform')
                        v6 = v5['url']
                        if not isinstance(v6, str) or len(v6) > 2048:
                            raise SchemaMismatch('data.spec.profiles[].links[].url does not conform')
        if 'repositories' in v1:
            v2 = v1['repositories']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.repositories does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'url' not in v3:
                    raise SchemaMismatch('data.spec.repositories[] does not conform')
                v4 = v3['url']
                if not isinstance(v4, str) or len(v4) > 2048:
                    raise SchemaMismatch('data.spec.repositories[].url does not conform')
                if 'interval' in v3:
                    v4 = v3['interval']
                    if not isinstance(v4, str) or not _PATTERN_2.search(v4):
                        raise SchemaMismatch('data.spec.repositories[].interval does not conform')
                if 'secretRef' in v3:
                    v4 = v3['secretRef']
                    if not isinstance(v4, dict) or 'name' not in v4:
                        raise SchemaMismatch('data.spec.repositories[].secretRef does not conform')
                    v5 = v4['name']
                    if not isinstance(v5, str) or len(v5) > 253:
                        raise SchemaMismatch('data.spec.repositories[].secretRef.name does not conform')
        if 'helmRepositories' in v1:
            v2 = v1['helmRepositories']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.helmRepositories does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'url' not in v3:
                    raise SchemaMismatch('data.spec.helmRepositories[] does not conform')
                v4 = v3['url']
                if not isinstance(v4, str) or len(v4) > 2048:
                    raise SchemaMismatch('data.spec.helmRepositories[].url does not conform')
                if 'secretRef' in v3:
                    v4 = v3['secretRef']
                    if not isinstance(v4, dict) or 'name' not in v4:
                        raise SchemaMismatch('data.spec.helmRepositories[].secretRef does not conform')
                    v5 = v4['name']
                    if not isinstance(v5, str) or len(v5) > 253:
                        raise SchemaMismatch('data.spec.helmRepositories[].secretRef.name does not conform')
                if 'interval' in v3:
                    v4 = v3['interval']
                    if not isinstance(v4, str) or not _PATTERN_2.search(v4):
                        raise SchemaMismatch('data.spec.helmRepositories[].interval does not conform')
        if 'access' in v1:
            v2 = v1['access']
            if not isinstance(v2, dict):
                raise SchemaMismatch('data.spec.access does not conform')
            if 'namespaces' in v2:
                v3 = v2['namespaces']
                if not isinstance(v3, list):
                    raise SchemaMismatch('data.spec.access.namespaces does not conform')
                for v4 in v3:
                    if not isinstance(v4, str) or len(v4) > 63:
                        raise SchemaMismatch('data.spec.access.namespaces[] does not conform')
            if 'namespaceSelector' in v2:
                v3 = v2['namespaceSelector']
                if not isinstance(v3, dict):
                    raise SchemaMismatch('data.spec.access.namespaceSelector does not conform')
                if 'matchLabels' in v3:
                    v4 = v3['matchLabels']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.spec.access.namespaceSelector.matchLabels does not conform')
                    for v5 in v4.values():
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.access.namespaceSelector.matchLabels.* does not conform')
                if 'matchExpressions' in v3:
                    v4 = v3['matchExpressions']
                    if not isinstance(v4, list):
                        raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions does not conform')
                    for v5 in v4:
                        if not isinstance(v5, dict) or 'key' not in v5 or 'operator' not in v5:
                            raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions[] does not conform')
                        v6 = v5['key']
                        if not isinstance(v6, str):
                            raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions[].key does not conform')
                        v6 = v5['operator']
                        if not isinstance(v6, str) or v6 not in ('In', 'NotIn', 'Exists', 'DoesNotExist'):
                            raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions[].operator does not conform')
                        if 'values' in v5:
                            v6 = v5['values']
                            if not isinstance(v6, list):
                                raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions[].values does not conform')
                            for v7 in v6:
                                if not isinstance(v7, str):
                                    raise SchemaMismatch('data.spec.access.namespaceSelector.matchExpressions[].values[] does not conform')
            if 'groups' in v2:
                v3 = v2['groups']
                if not isinstance(v3, list):
                    raise SchemaMismatch('data.spec.access.groups does not conform')
                for v4 in v3:
                    if not isinstance(v4, str) or len(v4) > 253:
                        raise SchemaMismatch('data.spec.access.groups[] does not conform')
    if 'status' in data:
        v1 = data['status']
        if not isinstance(v1, dict):
            raise SchemaMismatch('data.status does not conform')
        if 'observedGeneration' in v1:
            v2 = v1['observedGeneration']
            if not (isinstance(v2, int) and not isinstance(v2, bool) or isinstance(v2, float) and v2.is_integer()):
                raise SchemaMismatch('data.status.observedGeneration does not conform')
        if 'profileCount' in v1:
            v2 = v1['profileCount']
            if not (isinstance(v2, int) and not isinstance(v2, bool) or isinstance(v2, float) and v2.is_integer()):
                raise SchemaMismatch('data.status.profileCount does not conform')
        if 'lastScanTime' in v1:
            v2 = v1['lastScanTime']
            if not isinstance(v2, str):
                raise SchemaMismatch('data.status.lastScanTime does not conform')
        if 'profiles' in v1:
            v2 = v1['profiles']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.status.profiles does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'name' not in v3 or 'version' not in v3:
                    raise SchemaMismatch('data.status.profiles[] does not conform')
                v4 = v3['name']
                if not isinstance(v4, str) or len(v4) > 63 or not _PATTERN_0.search(v4):
                    raise SchemaMismatch('data.status.profiles[].name does not conform')
                v4 = v3['version']
                if not isinstance(v4, str) or len(v4) > 128 or not _PATTERN_1.search(v4):
                    raise SchemaMismatch('data.status.profiles[].version does not conform')
                if 'tag' in v3:
                    v4 = v3['tag']
                    if not isinstance(v4, str) or len(v4) > 256:
                        raise SchemaMismatch('data.status.profiles[].tag does not conform')
                if 'url' in v3:
                    v4 = v3['url']
                    if not isinstance(v4, str) or len(v4) > 2048:
                        raise SchemaMismatch('data.status.profiles[].url does not conform')
                if 'path' in v3:
                    v4 = v3['path']
                    if not isinstance(v4, str) or len(v4) > 1024:
                        raise SchemaMismatch('data.status.profiles[].path does not conform')
                if 'description' in v3:
                    v4 = v3['description']
                    if not isinstance(v4, str) or len(v4) > 4096:
                        raise SchemaMismatch('data.status.profiles[].description does not conform')
                if 'keywords' in v3:
                    v4 = v3['keywords']
                    if not isinstance(v4, list) or len(v4) > 64:
                        raise SchemaMismatch('data.status.profiles[].keywords does not conform')
                    for v5 in v4:
                        if not isinstance(v5, str) or len(v5) > 128:
                            raise SchemaMismatch('data.status.profiles[].keywords[] does not conform')
                if 'maintainer' in v3:
                    v4 = v3['maintainer']
                    if not isinstance(v4, str) or len(v4) > 512:
                        raise SchemaMismatch('data.status.profiles[].maintainer does not conform')
                if 'catalog' in v3:
                    v4 = v3['catalog']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.profiles[].catalog does not conform')
                if 'prerequisites' in v3:
                    v4 = v3['prerequisites']
                    if not isinstance(v4, list) or len(v4) > 64:
                        raise SchemaMismatch('data.status.profiles[].prerequisites does not conform')
                    for v5 in v4:
                        if not isinstance(v5, str) or len(v5) > 512:
                            raise SchemaMismatch('data.status.profiles[].prerequisites[] does not conform')
                if 'deprecated' in v3:
                    v4 = v3['deprecated']
                    if not isinstance(v4, str) or len(v4) > 1024:
                        raise SchemaMismatch('data.status.profiles[].deprecated does not conform')
                if 'valuesSchema' in v3:
                    v4 = v3['valuesSchema']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.status.profiles[].valuesSchema does not conform')
                if 'chart' in v3:
                    v4 = v3['chart']
                    if not isinstance(v4, dict) or 'url' not in v4 or 'name' not in v4:
                        raise SchemaMismatch('data.status.profiles[].chart does not conform')
                    v5 = v4['url']
                    if not isinstance(v5, str) or len(v5) > 2048:
                        raise SchemaMismatch('data.status.profiles[].chart.url does not conform')
                    v5 = v4['name']
                    if not isinstance(v5, str) or len(v5) > 253:
                        raise SchemaMismatch('data.status.profiles[].chart.name does not conform')
                    if 'archive' in v4:
                        v5 = v4['archive']
                        if not isinstance(v5, str) or len(v5) > 2048:
                            raise SchemaMismatch('data.status.profiles[].chart.archive does not conform')
                    if 'digest' in v4:
                        v5 = v4['digest']
                        if not isinstance(v5, str) or len(v5) > 128:
                            raise SchemaMismatch('data.status.profiles[].chart.digest does not conform')
                if 'category' in v3:
                    v4 = v3['category']
                    if not isinstance(v4, str) or len(v4) > 128:
                        raise SchemaMismatch('data.status.profiles[].category does not conform')
                if 'layer' in v3:
                    v4 = v3['layer']
                    if not isinstance(v4, str) or len(v4) > 128:
                        raise SchemaMismatch('data.status.profiles[].layer does not conform')
                if 'links' in v3:
                    v4 = v3['links']
                    if not isinstance(v4, list) or len(v4) > 32:
                        raise SchemaMismatch('data.status.profiles[].links does not conform')
                    for v5 in v4:
                        if not isinstance(v5, dict) or 'url' not in v5:
                            raise SchemaMismatch('data.status.profiles[].links[] does not conform')
                        if 'name' in v5:
                            v6 = v5['name']
                            if not isinstance(v6, str) or len(v6) > 256:
                                raise SchemaMismatch('data.status.profiles[].links[].name does not conform')
                        v6 = v5['url']
                        if not isinstance(v6, str) or len(v6) > 2048:
                            raise SchemaMismatch('data.status.profiles[].links[].url does not conform')
        if 'conditions' in v1:
            v2 = v1['conditions']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.status.conditions does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'type' not in v3 or 'status' not in v3:
                    raise SchemaMismatch('data.status.conditions[] does not conform')
                v4 = v3['type']
                if not isinstance(v4, str):
                    raise SchemaMismatch('data.status.conditions[].type does not conform')
                v4 = v3['status']
                if not isinstance(v4, str) or v4 not in ('True', 'False', 'Unknown'):
                    raise SchemaMismatch('data.status.conditions[].status does not conform')
                if 'reason' in v3:
                    v4 = v3['reason']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.conditions[].reason does not conform')
                if 'message' in v3:
                    v4 = v3['message']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.conditions[].message does not conform')
                if 'lastTransitionTime' in v3:
                    v4 = v3['lastTransitionTime']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.conditions[].lastTransitionTime does not conform')
                if 'observedGeneration' in v3:
                    v4 = v3['observedGeneration']
                    if not (isinstance(v4, int) and not isinstance(v4, bool) or isinstance(v4, float) and v4.is_integer()):
                        raise SchemaMismatch('data.status.conditions[].observedGeneration does not conform')
