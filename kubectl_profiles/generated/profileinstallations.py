# Generated from crds/profileinstallations.yaml by `python -m kubectl_profiles.schema` (fastjsonschema
# compile_to_code); do not edit. tests/unit/test_generated_validators.py regenerates it and compares.
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$': re.compile('^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?\\Z'),
    'date-time_re_pattern': re.compile('^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)(t|T)(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[+-](?:[01]\\d|2[0-3]):[0-5]\\d|[+-](?:[01]\\d|2[0-3])[0-5]\\d|z|Z)\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'description': 'An installation of a profile.', 'properties': {'apiVersion': {'type': 'string'}, 'kind': {'type': 'string'}, 'metadata': {'type': 'object'}, 'spec': {'type': 'object', 'properties': {'catalog': {'type': 'object', 'description': 'The catalog entry to install.', 'required': ['catalog', 'profile', 'version'], 'properties': {'catalog': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, 'profile': {'type': 'string', 'maxLength': 63}, 'version': {'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}}}, 'source': {'type': 'object', 'description': 'A profile that no catalog lists.', 'required': ['url'], 'properties': {'url': {'type': 'string', 'maxLength': 2048}, 'tag': {'type': 'string', 'maxLength': 256}, 'branch': {'type': 'string', 'maxLength': 256}, 'path': {'type': 'string', 'maxLength': 1024}}}, 'values': {'type': 'object'}, 'valuesFrom': {'type': 'array', 'items': {'type': 'object', 'required': ['kind', 'name'], 'properties': {'kind': {'type': 'string', 'enum': ['ConfigMap', 'Secret']}, 'name': {'type': 'string', 'maxLength': 253}, 'valuesKey': {'type': 'string', 'maxLength': 253}, 'targetPath': {'type': 'string', 'maxLength': 250}, 'optional': {'type': 'boolean'}}}}, 'configMap': {'type': 'string', 'maxLength': 253, 'description': "A ConfigMap with one key per artifact name, holding that artifact's values."}, 'gitRepository': {'type': 'object', 'description': 'The Flux GitRepository that syncs the GitOps repository holding this installation.', 'required': ['name'], 'properties': {'name': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63}}}}}, 'status': {'type': 'object', 'properties': {'observedGeneration': {'type': 'integer'}, 'resolvedVersion': {'type': 'string'}, 'artifacts': {'type': 'array', 'items': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'kind': {'type': 'string'}, 'objectName': {'type': 'string'}}}}, 'conditions': {'type': 'array', 'items': {'type': 'object', 'required': ['type', 'status'], 'properties': {'type': {'type': 'string'}, 'status': {'type': 'string', 'enum': ['True', 'False', 'Unknown']}, 'reason': {'type': 'string'}, 'message': {'type': 'string'}, 'lastTransitionTime': {'type': 'string', 'format': 'date-time'}, 'observedGeneration': {'type': 'integer'}}}}}}}, '$schema': 'http://json-schema.org/draft-07/schema#'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "apiVersion" in data_keys:
            data_keys.remove("apiVersion")
            data__apiVersion = data["apiVersion"]
            if not isinstance(data__apiVersion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".apiVersion must be string", value=data__apiVersion, name="" + (name_prefix or "data") + ".apiVersion", definition={'type': 'string'}, rule='type')
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not isinstance(data__kind, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be string", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'type': 'string'}, rule='type')
        if "metadata" in data_keys:
            data_keys.remove("metadata")
            data__metadata = data["metadata"]
            if not isinstance(data__metadata, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metadata must be object", value=data__metadata, name="" + (name_prefix or "data") + ".metadata", definition={'type': 'object'}, rule='type')
        if "spec" in data_keys:
            data_keys.remove("spec")
            data__spec = data["spec"]
            if not isinstance(data__spec, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must be object", value=data__spec, name="" + (name_prefix or "data") + ".spec", definition={'type': 'object', 'properties': {'catalog': {'type': 'object', 'description': 'The catalog entry to install.', 'required': ['catalog', 'profile', 'version'], 'properties': {'catalog': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, 'profile': {'type': 'string', 'maxLength': 63}, 'version': {'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}}}, 'source': {'type': 'object', 'description': 'A profile that no catalog lists.', 'required': ['url'], 'properties': {'url': {'type': 'string', 'maxLength': 2048}, 'tag': {'type': 'string', 'maxLength': 256}, 'branch': {'type': 'string', 'maxLength': 256}, 'path': {'type': 'string', 'maxLength': 1024}}}, 'values': {'type': 'object'}, 'valuesFrom': {'type': 'array', 'items': {'type': 'object', 'required': ['kind', 'name'], 'properties': {'kind': {'type': 'string', 'enum': ['ConfigMap', 'Secret']}, 'name': {'type': 'string', 'maxLength': 253}, 'valuesKey': {'type': 'string', 'maxLength': 253}, 'targetPath': {'type': 'string', 'maxLength': 250}, 'optional': {'type': 'boolean'}}}}, 'configMap': {'type': 'string', 'maxLength': 253, 'description': "A ConfigMap with one key per artifact name, holding that artifact's values."}, 'gitRepository': {'type': 'object', 'description': 'The Flux GitRepository that syncs the GitOps repository holding this installation.', 'required': ['name'], 'properties': {'name': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63}}}}}, rule='type')
            data__spec_is_dict = isinstance(data__spec, dict)
            if data__spec_is_dict:
                data__spec_keys = set(data__spec.keys())
                if "catalog" in data__spec_keys:
                    data__spec_keys.remove("catalog")
                    data__spec__catalog = data__spec["catalog"]
                    if not isinstance(data__spec__catalog, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog must be object", value=data__spec__catalog, name="" + (name_prefix or "data") + ".spec.catalog", definition={'type': 'object', 'description': 'The catalog entry to install.', 'required': ['catalog', 'profile', 'version'], 'properties': {'catalog': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, 'profile': {'type': 'string', 'maxLength': 63}, 'version': {'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}}}, rule='type')
                    data__spec__catalog_is_dict = isinstance(data__spec__catalog, dict)
                    if data__spec__catalog_is_dict:
                        data__spec__catalog__missing_keys = set(['catalog', 'profile', 'version']) - data__spec__catalog.keys()
                        if data__spec__catalog__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog must contain " + (str(sorted(data__spec__catalog__missing_keys)) + " properties"), value=data__spec__catalog, name="" + (name_prefix or "data") + ".spec.catalog", definition={'type': 'object', 'description': 'The catalog entry to install.', 'required': ['catalog', 'profile', 'version'], 'properties': {'catalog': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, 'profile': {'type': 'string', 'maxLength': 63}, 'version': {'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}}}, rule='required')
                        data__spec__catalog_keys = set(data__spec__catalog.keys())
                        if "catalog" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("catalog")
                            data__spec__catalog__catalog = data__spec__catalog["catalog"]
                            if not isinstance(data__spec__catalog__catalog, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.catalog must be string", value=data__spec__catalog__catalog, name="" + (name_prefix or "data") + ".spec.catalog.catalog", definition={'type': 'string', 'maxLength': 253}, rule='type')
                            if isinstance(data__spec__catalog__catalog, str):
                                data__spec__catalog__catalog_len = len(data__spec__catalog__catalog)
                                if data__spec__catalog__catalog_len > 253:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.catalog must be shorter than or equal to 253 characters", value=data__spec__catalog__catalog, name="" + (name_prefix or "data") + ".spec.catalog.catalog", definition={'type': 'string', 'maxLength': 253}, rule='maxLength')
                        if "namespace" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("namespace")
                            data__spec__catalog__namespace = data__spec__catalog["namespace"]
                            if not isinstance(data__spec__catalog__namespace, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.namespace must be string", value=data__spec__catalog__namespace, name="" + (name_prefix or "data") + ".spec.catalog.namespace", definition={'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, rule='type')
                            if isinstance(data__spec__catalog__namespace, str):
                                data__spec__catalog__namespace_len = len(data__spec__catalog__namespace)
                                if data__spec__catalog__namespace_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.namespace must be shorter than or equal to 63 characters", value=data__spec__catalog__namespace, name="" + (name_prefix or "data") + ".spec.catalog.namespace", definition={'type': 'string', 'maxLength': 63, 'description': 'Namespace of the catalog source; default search every namespace (the name must be unique).'}, rule='maxLength')
                        if "profile" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("profile")
                            data__spec__catalog__profile = data__spec__catalog["profile"]
                            if not isinstance(data__spec__catalog__profile, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.profile must be string", value=data__spec__catalog__profile, name="" + (name_prefix or "data") + ".spec.catalog.profile", definition={'type': 'string', 'maxLength': 63}, rule='type')
                            if isinstance(data__spec__catalog__profile, str):
                                data__spec__catalog__profile_len = len(data__spec__catalog__profile)
                                if data__spec__catalog__profile_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.profile must be shorter than or equal to 63 characters", value=data__spec__catalog__profile, name="" + (name_prefix or "data") + ".spec.catalog.profile", definition={'type': 'string', 'maxLength': 63}, rule='maxLength')
                        if "version" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("version")
                            data__spec__catalog__version = data__spec__catalog["version"]
                            if not isinstance(data__spec__catalog__version, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must be string", value=data__spec__catalog__version, name="" + (name_prefix or "data") + ".spec.catalog.version", definition={'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}, rule='type')
                            if isinstance(data__spec__catalog__version, str):
                                data__spec__catalog__version_len = len(data__spec__catalog__version)
                                if data__spec__catalog__version_len > 128:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must be shorter than or equal to 128 characters", value=data__spec__catalog__version, name="" + (name_prefix or "data") + ".spec.catalog.version", definition={'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}, rule='maxLength')
                                if not REGEX_PATTERNS['^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'].search(data__spec__catalog__version):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must match pattern ^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$", value=data__spec__catalog__version, name="" + (name_prefix or "data") + ".spec.catalog.version", definition={'type': 'string', 'maxLength': 128, 'pattern': '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'}, rule='pattern')
                if "source" in data__spec_keys:
                    data__spec_keys.remove("source")
                    data__spec__source = data__spec["source"]
                    if not isinstance(data__spec__source, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source must be object", value=data__spec__source, name="" + (name_prefix or "data") + ".spec.source", definition={'type': 'object', 'description': 'A profile that no catalog lists.', 'required': ['url'], 'properties': {'url': {'type': 'string', 'maxLength': 2048}, 'tag': {'type': 'string', 'maxLength': 256}, 'branch': {'type': 'string', 'maxLength': 256}, 'path': {'type': 'string', 'maxLength': 1024}}}, rule='type')
                    data__spec__source_is_dict = isinstance(data__spec__source, dict)
                    if data__spec__source_is_dict:
                        data__spec__source__missing_keys = set(['url']) - data__spec__source.keys()
                        if data__spec__source__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source must contain " + (str(sorted(data__spec__source__missing_keys)) + " properties"), value=data__spec__source, name="" + (name_prefix or "data") + ".spec.source", definition={'type': 'object', 'description': 'A profile that no catalog lists.', 'required': ['url'], 'properties': {'url': {'type': 'string', 'maxLength': 2048}, 'tag': {'type': 'string', 'maxLength': 256}, 'branch': {'type': 'string', 'maxLength': 256}, 'path': {'type': 'string', 'maxLength': 1024}}}, rule='required')
                        data__spec__source_keys = set(data__spec__source.keys())
                        if "url" in data__spec__source_keys:
                            data__spec__source_keys.remove("url")
                            data__spec__source__url = data__spec__source["url"]
                            if not isinstance(data__spec__source__url, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.url must be string", value=data__spec__source__url, name="" + (name_prefix or "data") + ".spec.source.url", definition={'type': 'string', 'maxLength': 2048}, rule='type')
                            if isinstance(data__spec__source__url, str):
                                data__spec__source__url_len = len(data__spec__source__url)
                                if data__spec__source__url_len > 2048:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.url must be shorter than or equal to 2048 characters", value=data__spec__source__url, name="" + (name_prefix or "data") + ".spec.source.url", definition={'type': 'string', 'maxLength': 2048}, rule='maxLength')
                        if "tag" in data__spec__source_keys:
                            data__spec__source_keys.remove("tag")
                            data__spec__source__tag = data__spec__source["tag"]
                            if not isinstance(data__spec__source__tag, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.tag must be string", value=data__spec__source__tag, name="" + (name_prefix or "data") + ".spec.source.tag", definition={'type': 'string', 'maxLength': 256}, rule='type')
                            if isinstance(data__spec__source__tag, str):
                                data__spec__source__tag_len = len(data__spec__source__tag)
                                if data__spec__source__tag_len > 256:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.tag must be shorter than or equal to 256 characters", value=data__spec__source__tag, name="" + (name_prefix or "data") + ".spec.source.tag", definition={'type': 'string', 'maxLength': 256}, rule='maxLength')
                        if "branch" in data__spec__source_keys:
                            data__spec__source_keys.remove("branch")
                            data__spec__source__branch = data__spec__source["branch"]
                            if not isinstance(data__spec__source__branch, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.branch must be string", value=data__spec__source__branch, name="" + (name_prefix or "data") + ".spec.source.branch", definition={'type': 'string', 'maxLength': 256}, rule='type')
                            if isinstance(data__spec__source__branch, str):
                                data__spec__source__branch_len = len(data__spec__source__branch)
                                if data__spec__source__branch_len > 256:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.branch must be shorter than or equal to 256 characters", value=data__spec__source__branch, name="" + (name_prefix or "data") + ".spec.source.branch", definition={'type': 'string', 'maxLength': 256}, rule='maxLength')
                        if "path" in data__spec__source_keys:
                            data__spec__source_keys.remove("path")
                            data__spec__source__path = data__spec__source["path"]
                            if not isinstance(data__spec__source__path, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.path must be string", value=data__spec__source__path, name="" + (name_prefix or "data") + ".spec.source.path", definition={'type': 'string', 'maxLength': 1024}, rule='type')
                            if isinstance(data__spec__source__path, str):
                                data__spec__source__path_len = len(data__spec__source__path)
                                if data__spec__source__path_len > 1024:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.path must be shorter than or equal to 1024 characters", value=data__spec__source__path, name="" + (name_prefix or "data") + ".spec.source.path", definition={'type': 'string', 'maxLength': 1024}, rule='maxLength')
                if "values" in data__spec_keys:
                    data__spec_keys.remove("values")
                    data__spec__values = data__spec["values"]
                    if not isinstance(data__spec__values, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.values must be object", value=data__spec__values, name="" + (name_prefix or "data") + ".spec.values", definition={'type': 'object'}, rule='type')
                if "valuesFrom" in data__spec_keys:
                    data__spec_keys.remove("valuesFrom")
                    data__spec__valuesFrom = data__spec["valuesFrom"]
                    if not isinstance(data__spec__valuesFrom, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom must be array", value=data__spec__valuesFrom, name="" + (name_prefix or "data") + ".spec.valuesFrom", definition={'type': 'array', 'items': {'type': 'object', 'required': ['kind', 'name'], 'properties': {'kind': {'type': 'string', 'enum': ['ConfigMap', 'Secret']}, 'name': {'type': 'string', 'maxLength': 253}, 'valuesKey': {'type': 'string', 'maxLength': 253}, 'targetPath': {'type': 'string', 'maxLength': 250}, 'optional': {'type': 'boolean'}}}}, rule='type')
                    data__spec__valuesFrom_is_list = isinstance(data__spec__valuesFrom, (list, tuple))
                    if data__spec__valuesFrom_is_list:
                        data__spec__valuesFrom_len = len(data__spec__valuesFrom)
                        for data__spec__valuesFrom_x, data__spec__valuesFrom_item in enumerate(data__spec__valuesFrom):
                            if not isinstance(data__spec__valuesFrom_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + " must be object", value=data__spec__valuesFrom_item, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['kind', 'name'], 'properties': {'kind': {'type': 'string', 'enum': ['ConfigMap', 'Secret']}, 'name': {'type': 'string', 'maxLength': 253}, 'valuesKey': {'type': 'string', 'maxLength': 253}, 'targetPath': {'type': 'string', 'maxLength': 250}, 'optional': {'type': 'boolean'}}}, rule='type')
                            data__spec__valuesFrom_item_is_dict = isinstance(data__spec__valuesFrom_item, dict)
                            if data__spec__valuesFrom_item_is_dict:
                                data__spec__valuesFrom_item__missing_keys = set(['kind', 'name']) - data__spec__valuesFrom_item.keys()
                                if data__spec__valuesFrom_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + " must contain " + (str(sorted(data__spec__valuesFrom_item__missing_keys)) + " properties"), value=data__spec__valuesFrom_item, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['kind', 'name'], 'properties': {'kind': {'type': 'string', 'enum': ['ConfigMap', 'Secret']}, 'name': {'type': 'string', 'maxLength': 253}, 'valuesKey': {'type': 'string', 'maxLength': 253}, 'targetPath': {'type': 'string', 'maxLength': 250}, 'optional': {'type': 'boolean'}}}, rule='required')
                                data__spec__valuesFrom_item_keys = set(data__spec__valuesFrom_item.keys())
                                if "kind" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("kind")
                                    data__spec__valuesFrom_item__kind = data__spec__valuesFrom_item["kind"]
                                    if not isinstance(data__spec__valuesFrom_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + " must be string", value=data__spec__valuesFrom_item__kind, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + "", definition={'type': 'string', 'enum': ['ConfigMap', 'Secret']}, rule='type')
                                    if not (isinstance(data__spec__valuesFrom_item__kind, str) and data__spec__valuesFrom_item__kind == 'ConfigMap' or isinstance(data__spec__valuesFrom_item__kind, str) and data__spec__valuesFrom_item__kind == 'Secret'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + " must be one of ['ConfigMap', 'Secret']", value=data__spec__valuesFrom_item__kind, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + "", definition={'type': 'string', 'enum': ['ConfigMap', 'Secret']}, rule='enum')
                                if "name" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("name")
                                    data__spec__valuesFrom_item__name = data__spec__valuesFrom_item["name"]
                                    if not isinstance(data__spec__valuesFrom_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + " must be string", value=data__spec__valuesFrom_item__name, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + "", definition={'type': 'string', 'maxLength': 253}, rule='type')
                                    if isinstance(data__spec__valuesFrom_item__name, str):
                                        data__spec__valuesFrom_item__name_len = len(data__spec__valuesFrom_item__name)
                                        if data__spec__valuesFrom_item__name_len > 253:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + " must be shorter than or equal to 253 characters", value=data__spec__valuesFrom_item__name, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + "", definition={'type': 'string', 'maxLength': 253}, rule='maxLength')
                                if "valuesKey" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("valuesKey")
                                    data__spec__valuesFrom_item__valuesKey = data__spec__valuesFrom_item["valuesKey"]
                                    if not isinstance(data__spec__valuesFrom_item__valuesKey, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + " must be string", value=data__spec__valuesFrom_item__valuesKey, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + "", definition={'type': 'string', 'maxLength': 253}, rule='type')
                                    if isinstance(data__spec__valuesFrom_item__valuesKey, str):
                                        data__spec__valuesFrom_item__valuesKey_len = len(data__spec__valuesFrom_item__valuesKey)
                                        if data__spec__valuesFrom_item__valuesKey_len > 253:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + " must be shorter than or equal to 253 characters", value=data__spec__valuesFrom_item__valuesKey, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + "", definition={'type': 'string', 'maxLength': 253}, rule='maxLength')
                                if "targetPath" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("targetPath")
                                    data__spec__valuesFrom_item__targetPath = data__spec__valuesFrom_item["targetPath"]
                                    if not isinstance(data__spec__valuesFrom_item__targetPath, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + " must be string", value=data__spec__valuesFrom_item__targetPath, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + "", definition={'type': 'string', 'maxLength': 250}, rule='type')
                                    if isinstance(data__spec__valuesFrom_item__targetPath, str):
                                        data__spec__valuesFrom_item__targetPath_len = len(data__spec__valuesFrom_item__targetPath)
                                        if data__spec__valuesFrom_item__targetPath_len > 250:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + " must be shorter than or equal to 250 characters", value=data__spec__valuesFrom_item__targetPath, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + "", definition={'type': 'string', 'maxLength': 250}, rule='maxLength')
                                if "optional" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("optional")
                                    data__spec__valuesFrom_item__optional = data__spec__valuesFrom_item["optional"]
                                    if not isinstance(data__spec__valuesFrom_item__optional, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].optional".format(**locals()) + " must be boolean", value=data__spec__valuesFrom_item__optional, name="" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].optional".format(**locals()) + "", definition={'type': 'boolean'}, rule='type')
                if "configMap" in data__spec_keys:
                    data__spec_keys.remove("configMap")
                    data__spec__configMap = data__spec["configMap"]
                    if not isinstance(data__spec__configMap, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.configMap must be string", value=data__spec__configMap, name="" + (name_prefix or "data") + ".spec.configMap", definition={'type': 'string', 'maxLength': 253, 'description': "A ConfigMap with one key per artifact name, holding that artifact's values."}, rule='type')
                    if isinstance(data__spec__configMap, str):
                        data__spec__configMap_len = len(data__spec__configMap)
                        if data__spec__configMap_len > 253:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.configMap must be shorter than or equal to 253 characters", value=data__spec__configMap, name="" + (name_prefix or "data") + ".spec.configMap", definition={'type': 'string', 'maxLength': 253, 'description': "A ConfigMap with one key per artifact name, holding that artifact's values."}, rule='maxLength')
                if "gitRepository" in data__spec_keys:
                    data__spec_keys.remove("gitRepository")
                    data__spec__gitRepository = data__spec["gitRepository"]
                    if not isinstance(data__spec__gitRepository, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository must be object", value=data__spec__gitRepository, name="" + (name_prefix or "data") + ".spec.gitRepository", definition={'type': 'object', 'description': 'The Flux GitRepository that syncs the GitOps repository holding this installation.', 'required': ['name'], 'properties': {'name': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63}}}, rule='type')
                    data__spec__gitRepository_is_dict = isinstance(data__spec__gitRepository, dict)
                    if data__spec__gitRepository_is_dict:
                        data__spec__gitRepository__missing_keys = set(['name']) - data__spec__gitRepository.keys()
                        if data__spec__gitRepository__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository must contain " + (str(sorted(data__spec__gitRepository__missing_keys)) + " properties"), value=data__spec__gitRepository, name="" + (name_prefix or "data") + ".spec.gitRepository", definition={'type': 'object', 'description': 'The Flux GitRepository that syncs the GitOps repository holding this installation.', 'required': ['name'], 'properties': {'name': {'type': 'string', 'maxLength': 253}, 'namespace': {'type': 'string', 'maxLength': 63}}}, rule='required')
                        data__spec__gitRepository_keys = set(data__spec__gitRepository.keys())
                        if "name" in data__spec__gitRepository_keys:
                            data__spec__gitRepository_keys.remove("name")
                            data__spec__gitRepository__name = data__spec__gitRepository["name"]
                            if not isinstance(data__spec__gitRepository__name, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.name must be string", value=data__spec__gitRepository__name, name="" + (name_prefix or "data") + ".spec.gitRepository.name", definition={'type': 'string', 'maxLength': 253}, rule='type')
                            if isinstance(data__spec__gitRepository__name, str):
                                data__spec__gitRepository__name_len = len(data__spec__gitRepository__name)
                                if data__spec__gitRepository__name_len > 253:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.name must be shorter than or equal to 253 characters", value=data__spec__gitRepository__name, name="" + (name_prefix or "data") + ".spec.gitRepository.name", definition={'type': 'string', 'maxLength': 253}, rule='maxLength')
                        if "namespace" in data__spec__gitRepository_keys:
                            data__spec__gitRepository_keys.remove("namespace")
                            data__spec__gitRepository__namespace = data__spec__gitRepository["namespace"]
                            if not isinstance(data__spec__gitRepository__namespace, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.namespace must be string", value=data__spec__gitRepository__namespace, name="" + (name_prefix or "data") + ".spec.gitRepository.namespace", definition={'type': 'string', 'maxLength': 63}, rule='type')
                            if isinstance(data__spec__gitRepository__namespace, str):
                                data__spec__gitRepository__namespace_len = len(data__spec__gitRepository__namespace)
                                if data__spec__gitRepository__namespace_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.namespace must be shorter than or equal to 63 characters", value=data__spec__gitRepository__namespace, name="" + (name_prefix or "data") + ".spec.gitRepository.namespace", definition={'type': 'string', 'maxLength': 63}, rule='maxLength')
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not isinstance(data__status, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be object", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'type': 'object', 'properties': {'observedGeneration': {'type': 'integer'}, 'resolvedVersion': {'type': 'string'}, 'artifacts': {'type': 'array', 'items': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'kind': {'type': 'string'}, 'objectName': {'type': 'string'}}}}, 'conditions': {'type': 'array', 'items': {'type': 'object', 'required': ['type', 'status'], 'properties': {'type': {'type': 'string'}, 'status': {'type': 'string', 'enum': ['True', 'False', 'Unknown']}, 'reason': {'type': 'string'}, 'message': {'type': 'string'}, 'lastTransitionTime': {'type': 'string', 'format': 'date-time'}, 'observedGeneration': {'type': 'integer'}}}}}}, rule='type')
            data__status_is_dict = isinstance(data__status, dict)
            if data__status_is_dict:
                data__status_keys = set(data__status.keys())
                if "observedGeneration" in data__status_keys:
                    data__status_keys.remove("observedGeneration")
                    data__status__observedGeneration = data__status["observedGeneration"]
                    if not isinstance(data__status__observedGeneration, (int)) and not (isinstance(data__status__observedGeneration, float) and data__status__observedGeneration.is_integer()) or isinstance(data__status__observedGeneration, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.observedGeneration must be integer", value=data__status__observedGeneration, name="" + (name_prefix or "data") + ".status.observedGeneration", definition={'type': 'integer'}, rule='type')
                if "resolvedVersion" in data__status_keys:
                    data__status_keys.remove("resolvedVersion")
                    data__status__resolvedVersion = data__status["resolvedVersion"]
                    if not isinstance(data__status__resolvedVersion, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.resolvedVersion must be string", value=data__status__resolvedVersion, name="" + (name_prefix or "data") + ".status.resolvedVersion", definition={'type': 'string'}, rule='type')
                if "artifacts" in data__status_keys:
                    data__status_keys.remove("artifacts")
                    data__status__artifacts = data__status["artifacts"]
                    if not isinstance(data__status__artifacts, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts must be array", value=data__status__artifacts, name="" + (name_prefix or "data") + ".status.artifacts", definition={'type': 'array', 'items': {'type': 'object', 'properties': {'name': {'type': 'string'}, 'kind': {'type': 'string'}, 'objectName': {'type': 'string'}}}}, rule='type')
                    data__status__artifacts_is_list = isinstance(data__status__artifacts, (list, tuple))
                    if data__status__artifacts_is_list:
                        data__status__artifacts_len = len(data__status__artifacts)
                        for data__status__artifacts_x, data__status__artifacts_item in enumerate(data__status__artifacts):
                            if not isinstance(data__status__artifacts_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}]".format(**locals()) + " must be object", value=data__status__artifacts_item, name="" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}]".format(**locals()) + "", definition={'type': 'object', 'properties': {'name': {'type': 'string'}, 'kind': {'type': 'string'}, 'objectName': {'type': 'string'}}}, rule='type')
                            data__status__artifacts_item_is_dict = isinstance(data__status__artifacts_item, dict)
                            if data__status__artifacts_item_is_dict:
                                data__status__artifacts_item_keys = set(data__status__artifacts_item.keys())
                                if "name" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("name")
                                    data__status__artifacts_item__name = data__status__artifacts_item["name"]
                                    if not isinstance(data__status__artifacts_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].name".format(**locals()) + " must be string", value=data__status__artifacts_item__name, name="" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].name".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "kind" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("kind")
                                    data__status__artifacts_item__kind = data__status__artifacts_item["kind"]
                                    if not isinstance(data__status__artifacts_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].kind".format(**locals()) + " must be string", value=data__status__artifacts_item__kind, name="" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].kind".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "objectName" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("objectName")
                                    data__status__artifacts_item__objectName = data__status__artifacts_item["objectName"]
                                    if not isinstance(data__status__artifacts_item__objectName, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].objectName".format(**locals()) + " must be string", value=data__status__artifacts_item__objectName, name="" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].objectName".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                if "conditions" in data__status_keys:
                    data__status_keys.remove("conditions")
                    data__status__conditions = data__status["conditions"]
                    if not isinstance(data__status__conditions, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions must be array", value=data__status__conditions, name="" + (name_prefix or "data") + ".status.conditions", definition={'type': 'array', 'items': {'type': 'object', 'required': ['type', 'status'], 'properties': {'type': {'type': 'string'}, 'status': {'type': 'string', 'enum': ['True', 'False', 'Unknown']}, 'reason': {'type': 'string'}, 'message': {'type': 'string'}, 'lastTransitionTime': {'type': 'string', 'format': 'date-time'}, 'observedGeneration': {'type': 'integer'}}}}, rule='type')
                    data__status__conditions_is_list = isinstance(data__status__conditions, (list, tuple))
                    if data__status__conditions_is_list:
                        data__status__conditions_len = len(data__status__conditions)
                        for data__status__conditions_x, data__status__conditions_item in enumerate(data__status__conditions):
                            if not isinstance(data__status__conditions_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + " must be object", value=data__status__conditions_item, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['type', 'status'], 'properties': {'type': {'type': 'string'}, 'status': {'type': 'string', 'enum': ['True', 'False', 'Unknown']}, 'reason': {'type': 'string'}, 'message': {'type': 'string'}, 'lastTransitionTime': {'type': 'string', 'format': 'date-time'}, 'observedGeneration': {'type': 'integer'}}}, rule='type')
                            data__status__conditions_item_is_dict = isinstance(data__status__conditions_item, dict)
                            if data__status__conditions_item_is_dict:
                                data__status__conditions_item__missing_keys = set(['type', 'status']) - data__status__conditions_item.keys()
                                if data__status__conditions_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + " must contain " + (str(sorted(data__status__conditions_item__missing_keys)) + " properties"), value=data__status__conditions_item, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['type', 'status'], 'properties': {'type': {'type': 'string'}, 'status': {'type': 'string', 'enum': ['True', 'False', 'Unknown']}, 'reason': {'type': 'string'}, 'message': {'type': 'string'}, 'lastTransitionTime': {'type': 'string', 'format': 'date-time'}, 'observedGeneration': {'type': 'integer'}}}, rule='required')
                                data__status__conditions_item_keys = set(data__status__conditions_item.keys())
                                if "type" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("type")
                                    data__status__conditions_item__type = data__status__conditions_item["type"]
                                    if not isinstance(data__status__conditions_item__type, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].type".format(**locals()) + " must be string", value=data__status__conditions_item__type, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].type".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "status" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("status")
                                    data__status__conditions_item__status = data__status__conditions_item["status"]
                                    if not isinstance(data__status__conditions_item__status, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + " must be string", value=data__status__conditions_item__status, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + "", definition={'type': 'string', 'enum': ['True', 'False', 'Unknown']}, rule='type')
                                    if not (isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'True' or isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'False' or isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'Unknown'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + " must be one of ['True', 'False', 'Unknown']", value=data__status__conditions_item__status, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + "", definition={'type': 'string', 'enum': ['True', 'False', 'Unknown']}, rule='enum')
                                if "reason" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("reason")
                                    data__status__conditions_item__reason = data__status__conditions_item["reason"]
                                    if not isinstance(data__status__conditions_item__reason, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].reason".format(**locals()) + " must be string", value=data__status__conditions_item__reason, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].reason".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "message" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("message")
                                    data__status__conditions_item__message = data__status__conditions_item["message"]
                                    if not isinstance(data__status__conditions_item__message, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].message".format(**locals()) + " must be string", value=data__status__conditions_item__message, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].message".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "lastTransitionTime" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("lastTransitionTime")
                                    data__status__conditions_item__lastTransitionTime = data__status__conditions_item["lastTransitionTime"]
                                    if not isinstance(data__status__conditions_item__lastTransitionTime, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + " must be string", value=data__status__conditions_item__lastTransitionTime, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + "", definition={'type': 'string', 'format': 'date-time'}, rule='type')
                                    if isinstance(data__status__conditions_item__lastTransitionTime, str):
                                        if not REGEX_PATTERNS["date-time_re_pattern"].match(data__status__conditions_item__lastTransitionTime):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + " must be date-time", value=data__status__conditions_item__lastTransitionTime, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + "", definition={'type': 'string', 'format': 'date-time'}, rule='format')
                                if "observedGeneration" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("observedGeneration")
                                    data__status__conditions_item__observedGeneration = data__status__conditions_item["observedGeneration"]
                                    if not isinstance(data__status__conditions_item__observedGeneration, (int)) and not (isinstance(data__status__conditions_item__observedGeneration, float) and data__status__conditions_item__observedGeneration.is_integer()) or isinstance(data__status__conditions_item__observedGeneration, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].observedGeneration".format(**locals()) + " must be integer", value=data__status__conditions_item__observedGeneration, name="" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].observedGeneration".format(**locals()) + "", definition={'type': 'integer'}, rule='type')
    return data
