# Generated from crds/profiledefinitions.yaml by `python -m kubectl_profiles.schema`; do not edit.
# tests/unit/test_generated_validators.py regenerates it and compares, and holds its verdicts to
# jsonschema's (Draft 7, no format checker) on the same schema.
# fmt: off
from kubectl_profiles.generated import SchemaMismatch


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
        if 'name' in v1:
            v2 = v1['name']
            if not isinstance(v2, str) or len(v2) > 253:
                raise SchemaMismatch('data.spec.name does not conform')
        if 'description' in v1:
            v2 = v1['description']
            if not isinstance(v2, str) or len(v2) > 4096:
                raise SchemaMismatch('data.spec.description does not conform')
        if 'maintainer' in v1:
            v2 = v1['maintainer']
            if not isinstance(v2, str) or len(v2) > 512:
                raise SchemaMismatch('data.spec.maintainer does not conform')
        if 'keywords' in v1:
            v2 = v1['keywords']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.keywords does not conform')
            for v3 in v2:
                if not isinstance(v3, str) or len(v3) > 128:
                    raise SchemaMismatch('data.spec.keywords[] does not conform')
        if 'prerequisites' in v1:
            v2 = v1['prerequisites']
            if not isinstance(v2, list):
                raise SchemaMismatch('data.spec.prerequisites does not conform')
            for v3 in v2:
                if not isinstance(v3, str) or len(v3) > 512:
                    raise SchemaMismatch('data.spec.prerequisites[] does not conform')
        if 'valuesSchema' in v1:
            v2 = v1['valuesSchema']
            if not isinstance(v2, dict):
                raise SchemaMismatch('data.spec.valuesSchema does not conform')
        if 'artifacts' in v1:
            v2 = v1['artifacts']
            if not isinstance(v2, list) or len(v2) > 256:
                raise SchemaMismatch('data.spec.artifacts does not conform')
            for v3 in v2:
                if not isinstance(v3, dict) or 'name' not in v3:
                    raise SchemaMismatch('data.spec.artifacts[] does not conform')
                v4 = v3['name']
                if not isinstance(v4, str) or len(v4) > 63:
                    raise SchemaMismatch('data.spec.artifacts[].name does not conform')
                if 'kind' in v3:
                    v4 = v3['kind']
                    if not isinstance(v4, str) or v4 not in ('HelmChart', 'Kustomize', 'Profile'):
                        raise SchemaMismatch('data.spec.artifacts[].kind does not conform')
                if 'path' in v3:
                    v4 = v3['path']
                    if not isinstance(v4, str):
                        raise SchemaMismatch('data.spec.artifacts[].path does not conform')
                if 'chart' in v3:
                    v4 = v3['chart']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.spec.artifacts[].chart does not conform')
                    if 'url' in v4:
                        v5 = v4['url']
                        if not isinstance(v5, str) or len(v5) > 2048:
                            raise SchemaMismatch('data.spec.artifacts[].chart.url does not conform')
                    if 'name' in v4:
                        v5 = v4['name']
                        if not isinstance(v5, str) or len(v5) > 253:
                            raise SchemaMismatch('data.spec.artifacts[].chart.name does not conform')
                    if 'version' in v4:
                        v5 = v4['version']
                        if not isinstance(v5, str) or len(v5) > 128:
                            raise SchemaMismatch('data.spec.artifacts[].chart.version does not conform')
                    if 'path' in v4:
                        v5 = v4['path']
                        if not isinstance(v5, str) or len(v5) > 1024:
                            raise SchemaMismatch('data.spec.artifacts[].chart.path does not conform')
                    if 'defaultValues' in v4:
                        v5 = v4['defaultValues']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.artifacts[].chart.defaultValues does not conform')
                if 'kustomize' in v3:
                    v4 = v3['kustomize']
                    if not isinstance(v4, dict) or 'path' not in v4:
                        raise SchemaMismatch('data.spec.artifacts[].kustomize does not conform')
                    v5 = v4['path']
                    if not isinstance(v5, str) or len(v5) > 1024:
                        raise SchemaMismatch('data.spec.artifacts[].kustomize.path does not conform')
                if 'profile' in v3:
                    v4 = v3['profile']
                    if not isinstance(v4, dict):
                        raise SchemaMismatch('data.spec.artifacts[].profile does not conform')
                    if 'source' in v4:
                        v5 = v4['source']
                        if not isinstance(v5, dict) or 'url' not in v5:
                            raise SchemaMismatch('data.spec.artifacts[].profile.source does not conform')
                        v6 = v5['url']
                        if not isinstance(v6, str) or len(v6) > 2048:
                            raise SchemaMismatch('data.spec.artifacts[].profile.source.url does not conform')
                        if 'tag' in v5:
                            v6 = v5['tag']
                            if not isinstance(v6, str) or len(v6) > 256:
                                raise SchemaMismatch('data.spec.artifacts[].profile.source.tag does not conform')
                        if 'branch' in v5:
                            v6 = v5['branch']
                            if not isinstance(v6, str) or len(v6) > 256:
                                raise SchemaMismatch('data.spec.artifacts[].profile.source.branch does not conform')
                        if 'path' in v5:
                            v6 = v5['path']
                            if not isinstance(v6, str) or len(v6) > 1024:
                                raise SchemaMismatch('data.spec.artifacts[].profile.source.path does not conform')
                    if 'url' in v4:
                        v5 = v4['url']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.artifacts[].profile.url does not conform')
                    if 'branch' in v4:
                        v5 = v4['branch']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.artifacts[].profile.branch does not conform')
                    if 'path' in v4:
                        v5 = v4['path']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.artifacts[].profile.path does not conform')
                    if 'version' in v4:
                        v5 = v4['version']
                        if not isinstance(v5, str):
                            raise SchemaMismatch('data.spec.artifacts[].profile.version does not conform')
                if 'dependsOn' in v3:
                    v4 = v3['dependsOn']
                    if not isinstance(v4, list):
                        raise SchemaMismatch('data.spec.artifacts[].dependsOn does not conform')
                    for v5 in v4:
                        if not isinstance(v5, dict) or 'name' not in v5:
                            raise SchemaMismatch('data.spec.artifacts[].dependsOn[] does not conform')
                        v6 = v5['name']
                        if not isinstance(v6, str):
                            raise SchemaMismatch('data.spec.artifacts[].dependsOn[].name does not conform')
    if 'status' in data:
        v1 = data['status']
        if not isinstance(v1, dict):
            raise SchemaMismatch('data.status does not conform')
