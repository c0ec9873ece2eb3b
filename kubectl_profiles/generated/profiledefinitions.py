# Generated from crds/profiledefinitions.yaml by `python -m kubectl_profiles.schema` (fastjsonschema
# compile_to_code); do not edit. tests/unit/test_generated_validators.py regenerates it and compares.
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
from kubectl_profiles.generated import JsonSchemaValueException, JsonSchemaValuesException


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
                if "name" in data__spec_keys:
                    data__spec_keys.remove("name")
                    data__spec__name = data__spec["name"]
                    if not isinstance(data__spec__name, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.name must be string")
                    if isinstance(data__spec__name, str):
                        data__spec__name_len = len(data__spec__name)
                        if data__spec__name_len > 253:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.name must be shorter than or equal to 253 characters")
                if "description" in data__spec_keys:
                    data__spec_keys.remove("description")
                    data__spec__description = data__spec["description"]
                    if not isinstance(data__spec__description, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.description must be string")
                    if isinstance(data__spec__description, str):
                        data__spec__description_len = len(data__spec__description)
                        if data__spec__description_len > 4096:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.description must be shorter than or equal to 4096 characters")
                if "maintainer" in data__spec_keys:
                    data__spec_keys.remove("maintainer")
                    data__spec__maintainer = data__spec["maintainer"]
                    if not isinstance(data__spec__maintainer, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.maintainer must be string")
                    if isinstance(data__spec__maintainer, str):
                        data__spec__maintainer_len = len(data__spec__maintainer)
                        if data__spec__maintainer_len > 512:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.maintainer must be shorter than or equal to 512 characters")
                if "keywords" in data__spec_keys:
                    data__spec_keys.remove("keywords")
                    data__spec__keywords = data__spec["keywords"]
                    if not isinstance(data__spec__keywords, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.keywords must be array")
                    data__spec__keywords_is_list = isinstance(data__spec__keywords, (list, tuple))
                    if data__spec__keywords_is_list:
                        data__spec__keywords_len = len(data__spec__keywords)
                        for data__spec__keywords_x, data__spec__keywords_item in enumerate(data__spec__keywords):
                            if not isinstance(data__spec__keywords_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.keywords[{data__spec__keywords_x}]".format(**locals()) + " must be string")
                            if isinstance(data__spec__keywords_item, str):
                                data__spec__keywords_item_len = len(data__spec__keywords_item)
                                if data__spec__keywords_item_len > 128:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.keywords[{data__spec__keywords_x}]".format(**locals()) + " must be shorter than or equal to 128 characters")
                if "prerequisites" in data__spec_keys:
                    data__spec_keys.remove("prerequisites")
                    data__spec__prerequisites = data__spec["prerequisites"]
                    if not isinstance(data__spec__prerequisites, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.prerequisites must be array")
                    data__spec__prerequisites_is_list = isinstance(data__spec__prerequisites, (list, tuple))
                    if data__spec__prerequisites_is_list:
                        data__spec__prerequisites_len = len(data__spec__prerequisites)
                        for data__spec__prerequisites_x, data__spec__prerequisites_item in enumerate(data__spec__prerequisites):
                            if not isinstance(data__spec__prerequisites_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.prerequisites[{data__spec__prerequisites_x}]".format(**locals()) + " must be string")
                            if isinstance(data__spec__prerequisites_item, str):
                                data__spec__prerequisites_item_len = len(data__spec__prerequisites_item)
                                if data__spec__prerequisites_item_len > 512:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.prerequisites[{data__spec__prerequisites_x}]".format(**locals()) + " must be shorter than or equal to 512 characters")
                if "valuesSchema" in data__spec_keys:
                    data__spec_keys.remove("valuesSchema")
                    data__spec__valuesSchema = data__spec["valuesSchema"]
                    if not isinstance(data__spec__valuesSchema, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.valuesSchema must be object")
                if "artifacts" in data__spec_keys:
                    data__spec_keys.remove("artifacts")
                    data__spec__artifacts = data__spec["artifacts"]
                    if not isinstance(data__spec__artifacts, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts must be array")
                    data__spec__artifacts_is_list = isinstance(data__spec__artifacts, (list, tuple))
                    if data__spec__artifacts_is_list:
                        data__spec__artifacts_len = len(data__spec__artifacts)
                        if data__spec__artifacts_len > 256:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts must contain less than or equal to 256 items")
                        for data__spec__artifacts_x, data__spec__artifacts_item in enumerate(data__spec__artifacts):
                            if not isinstance(data__spec__artifacts_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}]".format(**locals()) + " must be object")
                            data__spec__artifacts_item_is_dict = isinstance(data__spec__artifacts_item, dict)
                            if data__spec__artifacts_item_is_dict:
                                data__spec__artifacts_item__missing_keys = set(['name']) - data__spec__artifacts_item.keys()
                                if data__spec__artifacts_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}]".format(**locals()) + " must contain ")
                                data__spec__artifacts_item_keys = set(data__spec__artifacts_item.keys())
                                if "name" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("name")
                                    data__spec__artifacts_item__name = data__spec__artifacts_item["name"]
                                    if not isinstance(data__spec__artifacts_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].name".format(**locals()) + " must be string")
                                    if isinstance(data__spec__artifacts_item__name, str):
                                        data__spec__artifacts_item__name_len = len(data__spec__artifacts_item__name)
                                        if data__spec__artifacts_item__name_len > 63:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].name".format(**locals()) + " must be shorter than or equal to 63 characters")
                                if "kind" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("kind")
                                    data__spec__artifacts_item__kind = data__spec__artifacts_item["kind"]
                                    if not isinstance(data__spec__artifacts_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kind".format(**locals()) + " must be string")
                                    if not (isinstance(data__spec__artifacts_item__kind, str) and data__spec__artifacts_item__kind == 'HelmChart' or isinstance(data__spec__artifacts_item__kind, str) and data__spec__artifacts_item__kind == 'Kustomize' or isinstance(data__spec__artifacts_item__kind, str) and data__spec__artifacts_item__kind == 'Profile'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kind".format(**locals()) + " must be one of ['HelmChart', 'Kustomize', 'Profile']")
                                if "path" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("path")
                                    data__spec__artifacts_item__path = data__spec__artifacts_item["path"]
                                    if not isinstance(data__spec__artifacts_item__path, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].path".format(**locals()) + " must be string")
                                if "chart" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("chart")
                                    data__spec__artifacts_item__chart = data__spec__artifacts_item["chart"]
                                    if not isinstance(data__spec__artifacts_item__chart, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart".format(**locals()) + " must be object")
                                    data__spec__artifacts_item__chart_is_dict = isinstance(data__spec__artifacts_item__chart, dict)
                                    if data__spec__artifacts_item__chart_is_dict:
                                        data__spec__artifacts_item__chart_keys = set(data__spec__artifacts_item__chart.keys())
                                        if "url" in data__spec__artifacts_item__chart_keys:
                                            data__spec__artifacts_item__chart_keys.remove("url")
                                            data__spec__artifacts_item__chart__url = data__spec__artifacts_item__chart["url"]
                                            if not isinstance(data__spec__artifacts_item__chart__url, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.url".format(**locals()) + " must be string")
                                            if isinstance(data__spec__artifacts_item__chart__url, str):
                                                data__spec__artifacts_item__chart__url_len = len(data__spec__artifacts_item__chart__url)
                                                if data__spec__artifacts_item__chart__url_len > 2048:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                        if "name" in data__spec__artifacts_item__chart_keys:
                                            data__spec__artifacts_item__chart_keys.remove("name")
                                            data__spec__artifacts_item__chart__name = data__spec__artifacts_item__chart["name"]
                                            if not isinstance(data__spec__artifacts_item__chart__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.name".format(**locals()) + " must be string")
                                            if isinstance(data__spec__artifacts_item__chart__name, str):
                                                data__spec__artifacts_item__chart__name_len = len(data__spec__artifacts_item__chart__name)
                                                if data__spec__artifacts_item__chart__name_len > 253:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.name".format(**locals()) + " must be shorter than or equal to 253 characters")
                                        if "version" in data__spec__artifacts_item__chart_keys:
                                            data__spec__artifacts_item__chart_keys.remove("version")
                                            data__spec__artifacts_item__chart__version = data__spec__artifacts_item__chart["version"]
                                            if not isinstance(data__spec__artifacts_item__chart__version, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.version".format(**locals()) + " must be string")
                                            if isinstance(data__spec__artifacts_item__chart__version, str):
                                                data__spec__artifacts_item__chart__version_len = len(data__spec__artifacts_item__chart__version)
                                                if data__spec__artifacts_item__chart__version_len > 128:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.version".format(**locals()) + " must be shorter than or equal to 128 characters")
                                        if "path" in data__spec__artifacts_item__chart_keys:
                                            data__spec__artifacts_item__chart_keys.remove("path")
                                            data__spec__artifacts_item__chart__path = data__spec__artifacts_item__chart["path"]
                                            if not isinstance(data__spec__artifacts_item__chart__path, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.path".format(**locals()) + " must be string")
                                            if isinstance(data__spec__artifacts_item__chart__path, str):
                                                data__spec__artifacts_item__chart__path_len = len(data__spec__artifacts_item__chart__path)
                                                if data__spec__artifacts_item__chart__path_len > 1024:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.path".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                        if "defaultValues" in data__spec__artifacts_item__chart_keys:
                                            data__spec__artifacts_item__chart_keys.remove("defaultValues")
                                            data__spec__artifacts_item__chart__defaultValues = data__spec__artifacts_item__chart["defaultValues"]
                                            if not isinstance(data__spec__artifacts_item__chart__defaultValues, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].chart.defaultValues".format(**locals()) + " must be string")
                                if "kustomize" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("kustomize")
                                    data__spec__artifacts_item__kustomize = data__spec__artifacts_item["kustomize"]
                                    if not isinstance(data__spec__artifacts_item__kustomize, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kustomize".format(**locals()) + " must be object")
                                    data__spec__artifacts_item__kustomize_is_dict = isinstance(data__spec__artifacts_item__kustomize, dict)
                                    if data__spec__artifacts_item__kustomize_is_dict:
                                        data__spec__artifacts_item__kustomize__missing_keys = set(['path']) - data__spec__artifacts_item__kustomize.keys()
                                        if data__spec__artifacts_item__kustomize__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kustomize".format(**locals()) + " must contain ")
                                        data__spec__artifacts_item__kustomize_keys = set(data__spec__artifacts_item__kustomize.keys())
                                        if "path" in data__spec__artifacts_item__kustomize_keys:
                                            data__spec__artifacts_item__kustomize_keys.remove("path")
                                            data__spec__artifacts_item__kustomize__path = data__spec__artifacts_item__kustomize["path"]
                                            if not isinstance(data__spec__artifacts_item__kustomize__path, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kustomize.path".format(**locals()) + " must be string")
                                            if isinstance(data__spec__artifacts_item__kustomize__path, str):
                                                data__spec__artifacts_item__kustomize__path_len = len(data__spec__artifacts_item__kustomize__path)
                                                if data__spec__artifacts_item__kustomize__path_len > 1024:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].kustomize.path".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "profile" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("profile")
                                    data__spec__artifacts_item__profile = data__spec__artifacts_item["profile"]
                                    if not isinstance(data__spec__artifacts_item__profile, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile".format(**locals()) + " must be object")
                                    data__spec__artifacts_item__profile_is_dict = isinstance(data__spec__artifacts_item__profile, dict)
                                    if data__spec__artifacts_item__profile_is_dict:
                                        data__spec__artifacts_item__profile_keys = set(data__spec__artifacts_item__profile.keys())
                                        if "source" in data__spec__artifacts_item__profile_keys:
                                            data__spec__artifacts_item__profile_keys.remove("source")
                                            data__spec__artifacts_item__profile__source = data__spec__artifacts_item__profile["source"]
                                            if not isinstance(data__spec__artifacts_item__profile__source, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source".format(**locals()) + " must be object")
                                            data__spec__artifacts_item__profile__source_is_dict = isinstance(data__spec__artifacts_item__profile__source, dict)
                                            if data__spec__artifacts_item__profile__source_is_dict:
                                                data__spec__artifacts_item__profile__source__missing_keys = set(['url']) - data__spec__artifacts_item__profile__source.keys()
                                                if data__spec__artifacts_item__profile__source__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source".format(**locals()) + " must contain ")
                                                data__spec__artifacts_item__profile__source_keys = set(data__spec__artifacts_item__profile__source.keys())
                                                if "url" in data__spec__artifacts_item__profile__source_keys:
                                                    data__spec__artifacts_item__profile__source_keys.remove("url")
                                                    data__spec__artifacts_item__profile__source__url = data__spec__artifacts_item__profile__source["url"]
                                                    if not isinstance(data__spec__artifacts_item__profile__source__url, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.url".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__artifacts_item__profile__source__url, str):
                                                        data__spec__artifacts_item__profile__source__url_len = len(data__spec__artifacts_item__profile__source__url)
                                                        if data__spec__artifacts_item__profile__source__url_len > 2048:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                                if "tag" in data__spec__artifacts_item__profile__source_keys:
                                                    data__spec__artifacts_item__profile__source_keys.remove("tag")
                                                    data__spec__artifacts_item__profile__source__tag = data__spec__artifacts_item__profile__source["tag"]
                                                    if not isinstance(data__spec__artifacts_item__profile__source__tag, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.tag".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__artifacts_item__profile__source__tag, str):
                                                        data__spec__artifacts_item__profile__source__tag_len = len(data__spec__artifacts_item__profile__source__tag)
                                                        if data__spec__artifacts_item__profile__source__tag_len > 256:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.tag".format(**locals()) + " must be shorter than or equal to 256 characters")
                                                if "branch" in data__spec__artifacts_item__profile__source_keys:
                                                    data__spec__artifacts_item__profile__source_keys.remove("branch")
                                                    data__spec__artifacts_item__profile__source__branch = data__spec__artifacts_item__profile__source["branch"]
                                                    if not isinstance(data__spec__artifacts_item__profile__source__branch, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.branch".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__artifacts_item__profile__source__branch, str):
                                                        data__spec__artifacts_item__profile__source__branch_len = len(data__spec__artifacts_item__profile__source__branch)
                                                        if data__spec__artifacts_item__profile__source__branch_len > 256:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.branch".format(**locals()) + " must be shorter than or equal to 256 characters")
                                                if "path" in data__spec__artifacts_item__profile__source_keys:
                                                    data__spec__artifacts_item__profile__source_keys.remove("path")
                                                    data__spec__artifacts_item__profile__source__path = data__spec__artifacts_item__profile__source["path"]
                                                    if not isinstance(data__spec__artifacts_item__profile__source__path, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.path".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__artifacts_item__profile__source__path, str):
                                                        data__spec__artifacts_item__profile__source__path_len = len(data__spec__artifacts_item__profile__source__path)
                                                        if data__spec__artifacts_item__profile__source__path_len > 1024:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.source.path".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                        if "url" in data__spec__artifacts_item__profile_keys:
                                            data__spec__artifacts_item__profile_keys.remove("url")
                                            data__spec__artifacts_item__profile__url = data__spec__artifacts_item__profile["url"]
                                            if not isinstance(data__spec__artifacts_item__profile__url, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.url".format(**locals()) + " must be string")
                                        if "branch" in data__spec__artifacts_item__profile_keys:
                                            data__spec__artifacts_item__profile_keys.remove("branch")
                                            data__spec__artifacts_item__profile__branch = data__spec__artifacts_item__profile["branch"]
                                            if not isinstance(data__spec__artifacts_item__profile__branch, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.branch".format(**locals()) + " must be string")
                                        if "path" in data__spec__artifacts_item__profile_keys:
                                            data__spec__artifacts_item__profile_keys.remove("path")
                                            data__spec__artifacts_item__profile__path = data__spec__artifacts_item__profile["path"]
                                            if not isinstance(data__spec__artifacts_item__profile__path, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.path".format(**locals()) + " must be string")
                                        if "version" in data__spec__artifacts_item__profile_keys:
                                            data__spec__artifacts_item__profile_keys.remove("version")
                                            data__spec__artifacts_item__profile__version = data__spec__artifacts_item__profile["version"]
                                            if not isinstance(data__spec__artifacts_item__profile__version, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].profile.version".format(**locals()) + " must be string")
                                if "dependsOn" in data__spec__artifacts_item_keys:
                                    data__spec__artifacts_item_keys.remove("dependsOn")
                                    data__spec__artifacts_item__dependsOn = data__spec__artifacts_item["dependsOn"]
                                    if not isinstance(data__spec__artifacts_item__dependsOn, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].dependsOn".format(**locals()) + " must be array")
                                    data__spec__artifacts_item__dependsOn_is_list = isinstance(data__spec__artifacts_item__dependsOn, (list, tuple))
                                    if data__spec__artifacts_item__dependsOn_is_list:
                                        data__spec__artifacts_item__dependsOn_len = len(data__spec__artifacts_item__dependsOn)
                                        for data__spec__artifacts_item__dependsOn_x, data__spec__artifacts_item__dependsOn_item in enumerate(data__spec__artifacts_item__dependsOn):
                                            if not isinstance(data__spec__artifacts_item__dependsOn_item, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].dependsOn[{data__spec__artifacts_item__dependsOn_x}]".format(**locals()) + " must be object")
                                            data__spec__artifacts_item__dependsOn_item_is_dict = isinstance(data__spec__artifacts_item__dependsOn_item, dict)
                                            if data__spec__artifacts_item__dependsOn_item_is_dict:
                                                data__spec__artifacts_item__dependsOn_item__missing_keys = set(['name']) - data__spec__artifacts_item__dependsOn_item.keys()
                                                if data__spec__artifacts_item__dependsOn_item__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].dependsOn[{data__spec__artifacts_item__dependsOn_x}]".format(**locals()) + " must contain ")
                                                data__spec__artifacts_item__dependsOn_item_keys = set(data__spec__artifacts_item__dependsOn_item.keys())
                                                if "name" in data__spec__artifacts_item__dependsOn_item_keys:
                                                    data__spec__artifacts_item__dependsOn_item_keys.remove("name")
                                                    data__spec__artifacts_item__dependsOn_item__name = data__spec__artifacts_item__dependsOn_item["name"]
                                                    if not isinstance(data__spec__artifacts_item__dependsOn_item__name, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.artifacts[{data__spec__artifacts_x}].dependsOn[{data__spec__artifacts_item__dependsOn_x}].name".format(**locals()) + " must be string")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not isinstance(data__status, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be object")
    return data
