# Generated from crds/profileinstallations.yaml by `python -m kubectl_profiles.schema`; do not edit.
# tests/unit/test_generated_validators.py regenerates it and compares, and holds its verdicts to
# jsonschema's (Draft 7, no format checker) on the same schema.
# fmt: off
import re

from kubectl_profiles.generated import SchemaMismatch

_PATTERN_0 = re.compile('^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$')


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
        if 'catalog' in v1:
            v2 = v1['catalog']
            if not isinstance(v2, dict) or 'catalog' not in v2 or 'profile' not in v2 or 'version' not in v2:
                raise SchemaMismatch('data.spec.catalog does not conform')
            v3 = v2['catalog']
            if not isinstance(v3, str) or len(v3) > 253:
                raise SchemaMismatch('data.spec.catalog.catalog does not conform')
            if 'namespace' in v2:
                v3 = v2['namespace']
                if not isinstance(v3, str) or len(v3) > 63:
                    raise SchemaMismatch('data.spec.catalog.namespace does not conform')
            v3 = v2['profile']
            if not isinstance(v3, str) or len(v3) > 63:
                raise SchemaMismatch('data.spec.catalog.profile does not conform')
            v3 = v2['version']
            if not isinstance(v3, str) or len(v3) > 128 or not _PATTERN_0.search(v3):
                raise SchemaMismatch('data.spec.catalog.version does not conform')
        if 'source' in v1:
            v2 = v1['source']
            if not isinstance(v2, dict) or 'url' not in v2:
                raise SchemaMismatch('data.spec.source does not conform')
            v3 = v2['url']
            if not isinstance(v3, str) or len(v3) > 2048:
                raise SchemaMismatch('data.spec.source.url does not conform')
            if 'tag' in v2:
                v3 = v2['tag']
                if not isinstance(v3, str) or len(v3) > 256:
                    raise SchemaMismatch('data.spec.source.tag does not conform')
            if 'branch' in v2:
                v3 = v2['branch']
                if not isinstance(v3, str) or len(v3) > 256:
                    raise SchemaMismatch('data.spec.source.branch does not conform')
            if 'path' in v2:
                v3 = v2['path']
                if not isinstance(v3, str) or len(v3) > 1024:
                    raise SchemaMismatch('data.spec.source.path does not conform')
        if 'values' in v1:
            v2 = v1['values']
            if not isinstance(v2, dict):
                raise SchemaMismatch('data.spec.values does not conform')
        if 'valuesFrom' in v1:
            v2 = v1['valuesFrom']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.valuesFrom does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'kind' not in v3 or 'name' not in v3:
                    raise SchemaMismatch('data.spec.valuesFrom[] does not conform')
                v4 = v3['kind']
                if not isinstance(v4, str) or v4 not in ('ConfigMap', 'Secret'):
                    raise SchemaMismatch('data.spec.valuesFrom[].kind does not conform')
                v4 = v3['name']
                if not isinstance(v4, str) or len(v4) > 253:
                    raise SchemaMismatch('data.spec.valuesFrom[].name does not conform')
                if 'valuesKey' in v3:
                    v4 = v3['valuesKey']
                    if not isinstance(v4, str) or len(v4) > 253:
                        raise SchemaMismatch('data.spec.valuesFrom[].valuesKey does not conform')
                if 'targetPath' in v3:
                    v4 = v3['targetPath']
                    if not isinstance(v4, str) or len(v4) > 250:
                        raise SchemaMismatch('data.spec.valuesFrom[].targetPath does not conform')
                if 'optional' in v3:
                    v4 = v3['optional']
                    if not isinstance(v4, bool):
                        raise SchemaMismatch('data.spec.valuesFrom[].optional does not conform')
        if 'globalValues' in v1:
            v2 = v1['globalValues']
            if not isinstance(v2, dict):
                raise SchemaMismatch('data.spec.globalValues does not conform')
        if 'configMap' in v1:
            v2 = v1['configMap']
            if not isinstance(v2, str) or len(v2) > 253:
                raise SchemaMismatch('data.spec.configMap does not conform')
        if 'patches' in v1:
            v2 = v1['patches']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.patches does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'artifact' not in v3 or 'patch' not in v3:
                    raise SchemaMismatch('data.spec.patches[] does not conform')
                v4 = v3['artifact']
                if not isinstance(v4, str) or len(v4) > 1024 or len(v4) < 1:
                    raise SchemaMismatch('data.spec.patches[].artifact does not conform')
                v4 = v3['patch']
                if not isinstance(v4, str) or len(v4) < 1:
                    raise SchemaMismatch('data.spec.patches[].patch does not conform')
                if 'target' in v3:
                    v4 = v3['target']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.spec.patches[].target does not conform')
                    if 'group' in v4:
                        v5 = v4['group']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.group does not conform')
                    if 'version' in v4:
                        v5 = v4['version']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.version does not conform')
                    if 'kind' in v4:
                        v5 = v4['kind']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.kind does not conform')
                    if 'name' in v4:
                        v5 = v4['name']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.name does not conform')
                    if 'namespace' in v4:
                        v5 = v4['namespace']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.namespace does not conform')
                    if 'labelSelector' in v4:
                        v5 = v4['labelSelector']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.labelSelector does not conform')
                    if 'annotationSelector' in v4:
                        v5 = v4['annotationSelector']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.patches[].target.annotationSelector does not conform')
        if 'gitRepository' in v1:
            v2 = v1['gitRepository']
            if not isinstance(v2, dict) or 'name' not in v2:
                raise SchemaMismatch('data.spec.gitRepository does not conform')
            v3 = v2['name']
            if not isinstance(v3, str) or len(v3) > 253:
                raise SchemaMismatch('data.spec.gitRepository.name does not conform')
            if 'namespace' in v2:
                v3 = v2['namespace']
                if not isinstance(v3, str) or len(v3) > 63:
                    raise SchemaMismatch('data.spec.gitRepository.namespace does not conform')
    if 'status' in data:
        v1 = data['status']
        if not isinstance(v1, dict):
            raise SchemaMismatch('data.status does not conform')
        if 'observedGeneration' in v1:
            v2 = v1['observedGeneration']
            if not (isinstance(v2, int) and not isinstance(v2, bool) or isinstance(v2, float) and v2.is_integer()):
                raise SchemaMismatch('data.status.observedGeneration does not conform')
        if 'resolvedVersion' in v1:
            v2 = v1['resolvedVersion']
            if not isinstance(v2, str):
                raise SchemaMismatch('data.status.resolvedVersion does not conform')
        if 'availableUpdates' in v1:
            v2 = v1['availableUpdates']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.status.availableUpdates does not conform')
            for v3 in v2:
                if not isinstance(v3, str):
                    raise SchemaMismatch('data.status.availableUpdates[] does not conform')
        if 'objects' in v1:
            v2 = v1['objects']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.status.objects does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'kind' not in v3 or 'name' not in v3:
                    raise SchemaMismatch('data.status.objects[] does not conform')
                v4 = v3['kind']
                if not isinstance(v4, str):
                    raise SchemaMismatch('data.status.objects[].kind does not conform')
                v4 = v3['name']
                if not isinstance(v4, str):
                    raise SchemaMismatch('data.status.objects[].name does not conform')
                if 'ready' in v3:
                    v4 = v3['ready']
                    if not isinstance(v4, str) or v4 not in ('True', 'False', 'Unknown'):
                        raise SchemaMismatch('data.status.objects[].ready does not conform')
                if 'message' in v3:
                    v4 = v3['message']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.objects[].message does not conform')
        if 'artifacts' in v1:
            v2 = v1['artifacts']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.status.artifacts does not conform')
            for v3 in v2:
                if not isinstance(v3, dict):
                    raise SchemaMismatch('data.status.artifacts[] does not conform')
                if 'name' in v3:
                    v4 = v3['name']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.artifacts[].name does not conform')
                if 'kind' in v3:
                    v4 = v3['kind']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.artifacts[].kind does not conform')
                if 'objectName' in v3:
                    v4 = v3['objectName']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.status.artifacts[].objectName does not conform')
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
