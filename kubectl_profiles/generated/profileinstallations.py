# Generated from crds/profileinstallations.yaml by `python -m kubectl_profiles.schema` (fastjsonschema
# compile_to_code); do not edit. tests/unit/test_generated_validators.py regenerates it and compares.
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
import re
from kubectl_profiles.generated import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$': re.compile('^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?\\Z'),
    'date-time_re_pattern': re.compile('^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)(t|T)(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[+-](?:[01]\\d|2[0-3]):[0-5]\\d|[+-](?:[01]\\d|2[0-3])[0-5]\\d|z|Z)\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "apiVersion" in data_keys:
            data_keys.remove("apiVersion")
            data__apiVersion = data["apiVersion"]
            if not isinstance(data__apiVersion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".apiVersion must be string")
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not isinstance(data__kind, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be string")
        if "metadata" in data_keys:
            data_keys.remove("metadata")
            data__metadata = data["metadata"]
            if not isinstance(data__metadata, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metadata must be object")
        if "spec" in data_keys:
            data_keys.remove("spec")
            data__spec = data["spec"]
            if not isinstance(data__spec, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec must be object")
            data__spec_is_dict = isinstance(data__spec, dict)
            if data__spec_is_dict:
                data__spec_keys = set(data__spec.keys())
                if "catalog" in data__spec_keys:
                    data__spec_keys.remove("catalog")
                    data__spec__catalog = data__spec["catalog"]
                    if not isinstance(data__spec__catalog, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog must be object")
                    data__spec__catalog_is_dict = isinstance(data__spec__catalog, dict)
                    if data__spec__catalog_is_dict:
                        data__spec__catalog__missing_keys = set(['catalog', 'profile', 'version']) - data__spec__catalog.keys()
                        if data__spec__catalog__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog must contain ")
                        data__spec__catalog_keys = set(data__spec__catalog.keys())
                        if "catalog" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("catalog")
                            data__spec__catalog__catalog = data__spec__catalog["catalog"]
                            if not isinstance(data__spec__catalog__catalog, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.catalog must be string")
                            if isinstance(data__spec__catalog__catalog, str):
                                data__spec__catalog__catalog_len = len(data__spec__catalog__catalog)
                                if data__spec__catalog__catalog_len > 253:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.catalog must be shorter than or equal to 253 characters")
                        if "namespace" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("namespace")
                            data__spec__catalog__namespace = data__spec__catalog["namespace"]
                            if not isinstance(data__spec__catalog__namespace, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.namespace must be string")
                            if isinstance(data__spec__catalog__namespace, str):
                                data__spec__catalog__namespace_len = len(data__spec__catalog__namespace)
                                if data__spec__catalog__namespace_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.namespace must be shorter than or equal to 63 characters")
                        if "profile" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("profile")
                            data__spec__catalog__profile = data__spec__catalog["profile"]
                            if not isinstance(data__spec__catalog__profile, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.profile must be string")
                            if isinstance(data__spec__catalog__profile, str):
                                data__spec__catalog__profile_len = len(data__spec__catalog__profile)
                                if data__spec__catalog__profile_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.profile must be shorter than or equal to 63 characters")
                        if "version" in data__spec__catalog_keys:
                            data__spec__catalog_keys.remove("version")
                            data__spec__catalog__version = data__spec__catalog["version"]
                            if not isinstance(data__spec__catalog__version, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must be string")
                            if isinstance(data__spec__catalog__version, str):
                                data__spec__catalog__version_len = len(data__spec__catalog__version)
                                if data__spec__catalog__version_len > 128:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must be shorter than or equal to 128 characters")
                                if not REGEX_PATTERNS['^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'].search(data__spec__catalog__version):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.catalog.version must match pattern ^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$")
                if "source" in data__spec_keys:
                    data__spec_keys.remove("source")
                    data__spec__source = data__spec["source"]
                    if not isinstance(data__spec__source, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source must be object")
                    data__spec__source_is_dict = isinstance(data__spec__source, dict)
                    if data__spec__source_is_dict:
                        data__spec__source__missing_keys = set(['url']) - data__spec__source.keys()
                        if data__spec__source__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source must contain ")
                        data__spec__source_keys = set(data__spec__source.keys())
                        if "url" in data__spec__source_keys:
                            data__spec__source_keys.remove("url")
                            data__spec__source__url = data__spec__source["url"]
                            if not isinstance(data__spec__source__url, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.url must be string")
                            if isinstance(data__spec__source__url, str):
                                data__spec__source__url_len = len(data__spec__source__url)
                                if data__spec__source__url_len > 2048:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.url must be shorter than or equal to 2048 characters")
                        if "tag" in data__spec__source_keys:
                            data__spec__source_keys.remove("tag")
                            data__spec__source__tag = data__spec__source["tag"]
                            if not isinstance(data__spec__source__tag, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.tag must be string")
                            if isinstance(data__spec__source__tag, str):
                                data__spec__source__tag_len = len(data__spec__source__tag)
                                if data__spec__source__tag_len > 256:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.tag must be shorter than or equal to 256 characters")
                        if "branch" in data__spec__source_keys:
                            data__spec__source_keys.remove("branch")
                            data__spec__source__branch = data__spec__source["branch"]
                            if not isinstance(data__spec__source__branch, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.branch must be string")
                            if isinstance(data__spec__source__branch, str):
                                data__spec__source__branch_len = len(data__spec__source__branch)
                                if data__spec__source__branch_len > 256:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.branch must be shorter than or equal to 256 characters")
                        if "path" in data__spec__source_keys:
                            data__spec__source_keys.remove("path")
                            data__spec__source__path = data__spec__source["path"]
                            if not isinstance(data__spec__source__path, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.path must be string")
                            if isinstance(data__spec__source__path, str):
                                data__spec__source__path_len = len(data__spec__source__path)
                                if data__spec__source__path_len > 1024:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.source.path must be shorter than or equal to 1024 characters")
                if "values" in data__spec_keys:
                    data__spec_keys.remove("values")
                    data__spec__values = data__spec["values"]
                    if not isinstance(data__spec__values, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.values must be object")
                if "valuesFrom" in data__spec_keys:
                    data__spec_keys.remove("valuesFrom")
                    data__spec__valuesFrom = data__spec["valuesFrom"]
                    if not isinstance(data__spec__valuesFrom, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom must be array")
                    data__spec__valuesFrom_is_list = isinstance(data__spec__valuesFrom, (list, tuple))
                    if data__spec__valuesFrom_is_list:
                        data__spec__valuesFrom_len = len(data__spec__valuesFrom)
                        for data__spec__valuesFrom_x, data__spec__valuesFrom_item in enumerate(data__spec__valuesFrom):
                            if not isinstance(data__spec__valuesFrom_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + " must be object")
                            data__spec__valuesFrom_item_is_dict = isinstance(data__spec__valuesFrom_item, dict)
                            if data__spec__valuesFrom_item_is_dict:
                                data__spec__valuesFrom_item__missing_keys = set(['kind', 'name']) - data__spec__valuesFrom_item.keys()
                                if data__spec__valuesFrom_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}]".format(**locals()) + " must contain ")
                                data__spec__valuesFrom_item_keys = set(data__spec__valuesFrom_item.keys())
                                if "kind" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("kind")
                                    data__spec__valuesFrom_item__kind = data__spec__valuesFrom_item["kind"]
                                    if not isinstance(data__spec__valuesFrom_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + " must be string")
                                    if not (isinstance(data__spec__valuesFrom_item__kind, str) and data__spec__valuesFrom_item__kind == 'ConfigMap' or isinstance(data__spec__valuesFrom_item__kind, str) and data__spec__valuesFrom_item__kind == 'Secret'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].kind".format(**locals()) + " must be one of ['ConfigMap', 'Secret']")
                                if "name" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("name")
                                    data__spec__valuesFrom_item__name = data__spec__valuesFrom_item["name"]
                                    if not isinstance(data__spec__valuesFrom_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + " must be string")
                                    if isinstance(data__spec__valuesFrom_item__name, str):
                                        data__spec__valuesFrom_item__name_len = len(data__spec__valuesFrom_item__name)
                                        if data__spec__valuesFrom_item__name_len > 253:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].name".format(**locals()) + " must be shorter than or equal to 253 characters")
                                if "valuesKey" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("valuesKey")
                                    data__spec__valuesFrom_item__valuesKey = data__spec__valuesFrom_item["valuesKey"]
                                    if not isinstance(data__spec__valuesFrom_item__valuesKey, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + " must be string")
                                    if isinstance(data__spec__valuesFrom_item__valuesKey, str):
                                        data__spec__valuesFrom_item__valuesKey_len = len(data__spec__valuesFrom_item__valuesKey)
                                        if data__spec__valuesFrom_item__valuesKey_len > 253:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].valuesKey".format(**locals()) + " must be shorter than or equal to 253 characters")
                                if "targetPath" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("targetPath")
                                    data__spec__valuesFrom_item__targetPath = data__spec__valuesFrom_item["targetPath"]
                                    if not isinstance(data__spec__valuesFrom_item__targetPath, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + " must be string")
                                    if isinstance(data__spec__valuesFrom_item__targetPath, str):
                                        data__spec__valuesFrom_item__targetPath_len = len(data__spec__valuesFrom_item__targetPath)
                                        if data__spec__valuesFrom_item__targetPath_len > 250:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].targetPath".format(**locals()) + " must be shorter than or equal to 250 characters")
                                if "optional" in data__spec__valuesFrom_item_keys:
                                    data__spec__valuesFrom_item_keys.remove("optional")
                                    data__spec__valuesFrom_item__optional = data__spec__valuesFrom_item["optional"]
                                    if not isinstance(data__spec__valuesFrom_item__optional, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesFrom[{data__spec__valuesFrom_x}].optional".format(**locals()) + " must be boolean")
                if "globalValues" in data__spec_keys:
                    data__spec_keys.remove("globalValues")
                    data__spec__globalValues = data__spec["globalValues"]
                    if not isinstance(data__spec__globalValues, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.globalValues must be object")
                if "configMap" in data__spec_keys:
                    data__spec_keys.remove("configMap")
                    data__spec__configMap = data__spec["configMap"]
                    if not isinstance(data__spec__configMap, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.configMap must be string")
                    if isinstance(data__spec__configMap, str):
                        data__spec__configMap_len = len(data__spec__configMap)
                        if data__spec__configMap_len > 253:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.configMap must be shorter than or equal to 253 characters")
                if "patches" in data__spec_keys:
                    data__spec_keys.remove("patches")
                    data__spec__patches = data__spec["patches"]
                    if not isinstance(data__spec__patches, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches must be array")
                    data__spec__patches_is_list = isinstance(data__spec__patches, (list, tuple))
                    if data__spec__patches_is_list:
                        data__spec__patches_len = len(data__spec__patches)
                        for data__spec__patches_x, data__spec__patches_item in enumerate(data__spec__patches):
                            if not isinstance(data__spec__patches_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}]".format(**locals()) + " must be object")
                            data__spec__patches_item_is_dict = isinstance(data__spec__patches_item, dict)
                            if data__spec__patches_item_is_dict:
                                data__spec__patches_item__missing_keys = set(['artifact', 'patch']) - data__spec__patches_item.keys()
                                if data__spec__patches_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}]".format(**locals()) + " must contain ")
                                data__spec__patches_item_keys = set(data__spec__patches_item.keys())
                                if "artifact" in data__spec__patches_item_keys:
                                    data__spec__patches_item_keys.remove("artifact")
                                    data__spec__patches_item__artifact = data__spec__patches_item["artifact"]
                                    if not isinstance(data__spec__patches_item__artifact, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].artifact".format(**locals()) + " must be string")
                                    if isinstance(data__spec__patches_item__artifact, str):
                                        data__spec__patches_item__artifact_len = len(data__spec__patches_item__artifact)
                                        if data__spec__patches_item__artifact_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].artifact".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if data__spec__patches_item__artifact_len > 1024:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].artifact".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "patch" in data__spec__patches_item_keys:
                                    data__spec__patches_item_keys.remove("patch")
                                    data__spec__patches_item__patch = data__spec__patches_item["patch"]
                                    if not isinstance(data__spec__patches_item__patch, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].patch".format(**locals()) + " must be string")
                                    if isinstance(data__spec__patches_item__patch, str):
                                        data__spec__patches_item__patch_len = len(data__spec__patches_item__patch)
                                        if data__spec__patches_item__patch_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].patch".format(**locals()) + " must be longer than or equal to 1 characters")
                                if "target" in data__spec__patches_item_keys:
                                    data__spec__patches_item_keys.remove("target")
                                    data__spec__patches_item__target = data__spec__patches_item["target"]
                                    if not isinstance(data__spec__patches_item__target, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target".format(**locals()) + " must be object")
                                    data__spec__patches_item__target_is_dict = isinstance(data__spec__patches_item__target, dict)
                                    if data__spec__patches_item__target_is_dict:
                                        data__spec__patches_item__target_keys = set(data__spec__patches_item__target.keys())
                                        if "group" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("group")
                                            data__spec__patches_item__target__group = data__spec__patches_item__target["group"]
                                            if not isinstance(data__spec__patches_item__target__group, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.group".format(**locals()) + " must be string")
                                        if "version" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("version")
                                            data__spec__patches_item__target__version = data__spec__patches_item__target["version"]
                                            if not isinstance(data__spec__patches_item__target__version, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.version".format(**locals()) + " must be string")
                                        if "kind" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("kind")
                                            data__spec__patches_item__target__kind = data__spec__patches_item__target["kind"]
                                            if not isinstance(data__spec__patches_item__target__kind, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.kind".format(**locals()) + " must be string")
                                        if "name" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("name")
                                            data__spec__patches_item__target__name = data__spec__patches_item__target["name"]
                                            if not isinstance(data__spec__patches_item__target__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.name".format(**locals()) + " must be string")
                                        if "namespace" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("namespace")
                                            data__spec__patches_item__target__namespace = data__spec__patches_item__target["namespace"]
                                            if not isinstance(data__spec__patches_item__target__namespace, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.namespace".format(**locals()) + " must be string")
                                        if "labelSelector" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("labelSelector")
                                            data__spec__patches_item__target__labelSelector = data__spec__patches_item__target["labelSelector"]
                                            if not isinstance(data__spec__patches_item__target__labelSelector, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.labelSelector".format(**locals()) + " must be string")
                                        if "annotationSelector" in data__spec__patches_item__target_keys:
                                            data__spec__patches_item__target_keys.remove("annotationSelector")
                                            data__spec__patches_item__target__annotationSelector = data__spec__patches_item__target["annotationSelector"]
                                            if not isinstance(data__spec__patches_item__target__annotationSelector, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.patches[{data__spec__patches_x}].target.annotationSelector".format(**locals()) + " must be string")
                if "gitRepository" in data__spec_keys:
                    data__spec_keys.remove("gitRepository")
                    data__spec__gitRepository = data__spec["gitRepository"]
                    if not isinstance(data__spec__gitRepository, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository must be object")
                    data__spec__gitRepository_is_dict = isinstance(data__spec__gitRepository, dict)
                    if data__spec__gitRepository_is_dict:
                        data__spec__gitRepository__missing_keys = set(['name']) - data__spec__gitRepository.keys()
                        if data__spec__gitRepository__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository must contain ")
                        data__spec__gitRepository_keys = set(data__spec__gitRepository.keys())
                        if "name" in data__spec__gitRepository_keys:
                            data__spec__gitRepository_keys.remove("name")
                            data__spec__gitRepository__name = data__spec__gitRepository["name"]
                            if not isinstance(data__spec__gitRepository__name, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.name must be string")
                            if isinstance(data__spec__gitRepository__name, str):
                                data__spec__gitRepository__name_len = len(data__spec__gitRepository__name)
                                if data__spec__gitRepository__name_len > 253:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.name must be shorter than or equal to 253 characters")
                        if "namespace" in data__spec__gitRepository_keys:
                            data__spec__gitRepository_keys.remove("namespace")
                            data__spec__gitRepository__namespace = data__spec__gitRepository["namespace"]
                            if not isinstance(data__spec__gitRepository__namespace, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.namespace must be string")
                            if isinstance(data__spec__gitRepository__namespace, str):
                                data__spec__gitRepository__namespace_len = len(data__spec__gitRepository__namespace)
                                if data__spec__gitRepository__namespace_len > 63:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.gitRepository.namespace must be shorter than or equal to 63 characters")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not isinstance(data__status, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be object")
            data__status_is_dict = isinstance(data__status, dict)
            if data__status_is_dict:
                data__status_keys = set(data__status.keys())
                if "observedGeneration" in data__status_keys:
                    data__status_keys.remove("observedGeneration")
                    data__status__observedGeneration = data__status["observedGeneration"]
                    if not isinstance(data__status__observedGeneration, (int)) and not (isinstance(data__status__observedGeneration, float) and data__status__observedGeneration.is_integer()) or isinstance(data__status__observedGeneration, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.observedGeneration must be integer")
                if "resolvedVersion" in data__status_keys:
                    data__status_keys.remove("resolvedVersion")
                    data__status__resolvedVersion = data__status["resolvedVersion"]
                    if not isinstance(data__status__resolvedVersion, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.resolvedVersion must be string")
                if "availableUpdates" in data__status_keys:
                    data__status_keys.remove("availableUpdates")
                    data__status__availableUpdates = data__status["availableUpdates"]
                    if not isinstance(data__status__availableUpdates, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.availableUpdates must be array")
                    data__status__availableUpdates_is_list = isinstance(data__status__availableUpdates, (list, tuple))
                    if data__status__availableUpdates_is_list:
                        data__status__availableUpdates_len = len(data__status__availableUpdates)
                        for data__status__availableUpdates_x, data__status__availableUpdates_item in enumerate(data__status__availableUpdates):
                            if not isinstance(data__status__availableUpdates_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.availableUpdates[{data__status__availableUpdates_x}]".format(**locals()) + " must be string")
                if "objects" in data__status_keys:
                    data__status_keys.remove("objects")
                    data__status__objects = data__status["objects"]
                    if not isinstance(data__status__objects, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects must be array")
                    data__status__objects_is_list = isinstance(data__status__objects, (list, tuple))
                    if data__status__objects_is_list:
                        data__status__objects_len = len(data__status__objects)
                        for data__status__objects_x, data__status__objects_item in enumerate(data__status__objects):
                            if not isinstance(data__status__objects_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}]".format(**locals()) + " must be object")
                            data__status__objects_item_is_dict = isinstance(data__status__objects_item, dict)
                            if data__status__objects_item_is_dict:
                                data__status__objects_item__missing_keys = set(['kind', 'name']) - data__status__objects_item.keys()
                                if data__status__objects_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}]".format(**locals()) + " must contain ")
                                data__status__objects_item_keys = set(data__status__objects_item.keys())
                                if "kind" in data__status__objects_item_keys:
                                    data__status__objects_item_keys.remove("kind")
                                    data__status__objects_item__kind = data__status__objects_item["kind"]
                                    if not isinstance(data__status__objects_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}].kind".format(**locals()) + " must be string")
                                if "name" in data__status__objects_item_keys:
                                    data__status__objects_item_keys.remove("name")
                                    data__status__objects_item__name = data__status__objects_item["name"]
                                    if not isinstance(data__status__objects_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}].name".format(**locals()) + " must be string")
                                if "ready" in data__status__objects_item_keys:
                                    data__status__objects_item_keys.remove("ready")
                                    data__status__objects_item__ready = data__status__objects_item["ready"]
                                    if not isinstance(data__status__objects_item__ready, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}].ready".format(**locals()) + " must be string")
                                    if not (isinstance(data__status__objects_item__ready, str) and data__status__objects_item__ready == 'True' or isinstance(data__status__objects_item__ready, str) and data__status__objects_item__ready == 'False' or isinstance(data__status__objects_item__ready, str) and data__status__objects_item__ready == 'Unknown'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}].ready".format(**locals()) + " must be one of ['True', 'False', 'Unknown']")
                                if "message" in data__status__objects_item_keys:
                                    data__status__objects_item_keys.remove("message")
                                    data__status__objects_item__message = data__status__objects_item["message"]
                                    if not isinstance(data__status__objects_item__message, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.objects[{data__status__objects_x}].message".format(**locals()) + " must be string")
                if "artifacts" in data__status_keys:
                    data__status_keys.remove("artifacts")
                    data__status__artifacts = data__status["artifacts"]
                    if not isinstance(data__status__artifacts, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts must be array")
                    data__status__artifacts_is_list = isinstance(data__status__artifacts, (list, tuple))
                    if data__status__artifacts_is_list:
                        data__status__artifacts_len = len(data__status__artifacts)
                        for data__status__artifacts_x, data__status__artifacts_item in enumerate(data__status__artifacts):
                            if not isinstance(data__status__artifacts_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}]".format(**locals()) + " must be object")
                            data__status__artifacts_item_is_dict = isinstance(data__status__artifacts_item, dict)
                            if data__status__artifacts_item_is_dict:
                                data__status__artifacts_item_keys = set(data__status__artifacts_item.keys())
                                if "name" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("name")
                                    data__status__artifacts_item__name = data__status__artifacts_item["name"]
                                    if not isinstance(data__status__artifacts_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].name".format(**locals()) + " must be string")
                                if "kind" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("kind")
                                    data__status__artifacts_item__kind = data__status__artifacts_item["kind"]
                                    if not isinstance(data__status__artifacts_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].kind".format(**locals()) + " must be string")
                                if "objectName" in data__status__artifacts_item_keys:
                                    data__status__artifacts_item_keys.remove("objectName")
                                    data__status__artifacts_item__objectName = data__status__artifacts_item["objectName"]
                                    if not isinstance(data__status__artifacts_item__objectName, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.artifacts[{data__status__artifacts_x}].objectName".format(**locals()) + " must be string")
                if "conditions" in data__status_keys:
                    data__status_keys.remove("conditions")
                    data__status__conditions = data__status["conditions"]
                    if not isinstance(data__status__conditions, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions must be array")
                    data__status__conditions_is_list = isinstance(data__status__conditions, (list, tuple))
                    if data__status__conditions_is_list:
                        data__status__conditions_len = len(data__status__conditions)
                        for data__status__conditions_x, data__status__conditions_item in enumerate(data__status__conditions):
                            if not isinstance(data__status__conditions_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + " must be object")
                            data__status__conditions_item_is_dict = isinstance(data__status__conditions_item, dict)
                            if data__status__conditions_item_is_dict:
                                data__status__conditions_item__missing_keys = set(['type', 'status']) - data__status__conditions_item.keys()
                                if data__status__conditions_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}]".format(**locals()) + " must contain ")
                                data__status__conditions_item_keys = set(data__status__conditions_item.keys())
                                if "type" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("type")
                                    data__status__conditions_item__type = data__status__conditions_item["type"]
                                    if not isinstance(data__status__conditions_item__type, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].type".format(**locals()) + " must be string")
                                if "status" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("status")
                                    data__status__conditions_item__status = data__status__conditions_item["status"]
                                    if not isinstance(data__status__conditions_item__status, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + " must be string")
                                    if not (isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'True' or isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'False' or isinstance(data__status__conditions_item__status, str) and data__status__conditions_item__status == 'Unknown'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].status".format(**locals()) + " must be one of ['True', 'False', 'Unknown']")
                                if "reason" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("reason")
                                    data__status__conditions_item__reason = data__status__conditions_item["reason"]
                                    if not isinstance(data__status__conditions_item__reason, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].reason".format(**locals()) + " must be string")
                                if "message" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("message")
                                    data__status__conditions_item__message = data__status__conditions_item["message"]
                                    if not isinstance(data__status__conditions_item__message, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].message".format(**locals()) + " must be string")
                                if "lastTransitionTime" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("lastTransitionTime")
                                    data__status__conditions_item__lastTransitionTime = data__status__conditions_item["lastTransitionTime"]
                                    if not isinstance(data__status__conditions_item__lastTransitionTime, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + " must be string")
                                    if isinstance(data__status__conditions_item__lastTransitionTime, str):
                                        if not REGEX_PATTERNS["date-time_re_pattern"].match(data__status__conditions_item__lastTransitionTime):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].lastTransitionTime".format(**locals()) + " must be date-time")
                                if "observedGeneration" in data__status__conditions_item_keys:
                                    data__status__conditions_item_keys.remove("observedGeneration")
                                    data__status__conditions_item__observedGeneration = data__status__conditions_item["observedGeneration"]
                                    if not isinstance(data__status__conditions_item__observedGeneration, (int)) and not (isinstance(data__status__conditions_item__observedGeneration, float) and data__status__conditions_item__observedGeneration.is_integer()) or isinstance(data__status__conditions_item__observedGeneration, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.conditions[{data__status__conditions_x}].observedGeneration".format(**locals()) + " must be integer")
    return data
