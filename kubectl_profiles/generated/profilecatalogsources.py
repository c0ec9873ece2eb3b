# Generated from crds/profilecatalogsources.yaml by `python -m kubectl_profiles.schema` (fastjsonschema
# compile_to_code); do not edit. tests/unit/test_generated_validators.py regenerates it and compares.
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
import re
from kubectl_profiles.generated import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$': re.compile('^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\Z'),
    '^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$': re.compile('^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?\\Z'),
    '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$': re.compile('^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+\\Z'),
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
                if "profiles" in data__spec_keys:
                    data__spec_keys.remove("profiles")
                    data__spec__profiles = data__spec["profiles"]
                    if not isinstance(data__spec__profiles, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles must be array")
                    data__spec__profiles_is_list = isinstance(data__spec__profiles, (list, tuple))
                    if data__spec__profiles_is_list:
                        data__spec__profiles_len = len(data__spec__profiles)
                        for data__spec__profiles_x, data__spec__profiles_item in enumerate(data__spec__profiles):
                            if not isinstance(data__spec__profiles_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}]".format(**locals()) + " must be object")
                            data__spec__profiles_item_any_of_count1 = 0
                            if not data__spec__profiles_item_any_of_count1:
                                try:
                                    data__spec__profiles_item_is_dict = isinstance(data__spec__profiles_item, dict)
                                    if data__spec__profiles_item_is_dict:
                                        data__spec__profiles_item__missing_keys = set(['version']) - data__spec__profiles_item.keys()
                                        if data__spec__profiles_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}]".format(**locals()) + " must contain ")
                                    data__spec__profiles_item_any_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__spec__profiles_item_any_of_count1:
                                try:
                                    data__spec__profiles_item_is_dict = isinstance(data__spec__profiles_item, dict)
                                    if data__spec__profiles_item_is_dict:
                                        data__spec__profiles_item__missing_keys = set(['tag']) - data__spec__profiles_item.keys()
                                        if data__spec__profiles_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}]".format(**locals()) + " must contain ")
                                    data__spec__profiles_item_any_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__spec__profiles_item_any_of_count1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}]".format(**locals()) + " cannot be validated by any definition")
                            data__spec__profiles_item_is_dict = isinstance(data__spec__profiles_item, dict)
                            if data__spec__profiles_item_is_dict:
                                data__spec__profiles_item__missing_keys = set(['name']) - data__spec__profiles_item.keys()
                                if data__spec__profiles_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}]".format(**locals()) + " must contain ")
                                data__spec__profiles_item_keys = set(data__spec__profiles_item.keys())
                                if "name" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("name")
                                    data__spec__profiles_item__name = data__spec__profiles_item["name"]
                                    if not isinstance(data__spec__profiles_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].name".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__name, str):
                                        data__spec__profiles_item__name_len = len(data__spec__profiles_item__name)
                                        if data__spec__profiles_item__name_len > 63:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].name".format(**locals()) + " must be shorter than or equal to 63 characters")
                                        if not REGEX_PATTERNS['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'].search(data__spec__profiles_item__name):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].name".format(**locals()) + " must match pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
                                if "version" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("version")
                                    data__spec__profiles_item__version = data__spec__profiles_item["version"]
                                    if not isinstance(data__spec__profiles_item__version, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].version".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__version, str):
                                        data__spec__profiles_item__version_len = len(data__spec__profiles_item__version)
                                        if data__spec__profiles_item__version_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].version".format(**locals()) + " must be shorter than or equal to 128 characters")
                                        if not REGEX_PATTERNS['^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'].search(data__spec__profiles_item__version):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].version".format(**locals()) + " must match pattern ^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$")
                                if "tag" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("tag")
                                    data__spec__profiles_item__tag = data__spec__profiles_item["tag"]
                                    if not isinstance(data__spec__profiles_item__tag, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].tag".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__tag, str):
                                        data__spec__profiles_item__tag_len = len(data__spec__profiles_item__tag)
                                        if data__spec__profiles_item__tag_len > 256:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].tag".format(**locals()) + " must be shorter than or equal to 256 characters")
                                if "url" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("url")
                                    data__spec__profiles_item__url = data__spec__profiles_item["url"]
                                    if not isinstance(data__spec__profiles_item__url, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].url".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__url, str):
                                        data__spec__profiles_item__url_len = len(data__spec__profiles_item__url)
                                        if data__spec__profiles_item__url_len > 2048:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                if "path" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("path")
                                    data__spec__profiles_item__path = data__spec__profiles_item["path"]
                                    if not isinstance(data__spec__profiles_item__path, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].path".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__path, str):
                                        data__spec__profiles_item__path_len = len(data__spec__profiles_item__path)
                                        if data__spec__profiles_item__path_len > 1024:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].path".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "description" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("description")
                                    data__spec__profiles_item__description = data__spec__profiles_item["description"]
                                    if not isinstance(data__spec__profiles_item__description, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].description".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__description, str):
                                        data__spec__profiles_item__description_len = len(data__spec__profiles_item__description)
                                        if data__spec__profiles_item__description_len > 4096:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].description".format(**locals()) + " must be shorter than or equal to 4096 characters")
                                if "keywords" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("keywords")
                                    data__spec__profiles_item__keywords = data__spec__profiles_item["keywords"]
                                    if not isinstance(data__spec__profiles_item__keywords, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].keywords".format(**locals()) + " must be array")
                                    data__spec__profiles_item__keywords_is_list = isinstance(data__spec__profiles_item__keywords, (list, tuple))
                                    if data__spec__profiles_item__keywords_is_list:
                                        data__spec__profiles_item__keywords_len = len(data__spec__profiles_item__keywords)
                                        if data__spec__profiles_item__keywords_len > 64:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].keywords".format(**locals()) + " must contain less than or equal to 64 items")
                                        for data__spec__profiles_item__keywords_x, data__spec__profiles_item__keywords_item in enumerate(data__spec__profiles_item__keywords):
                                            if not isinstance(data__spec__profiles_item__keywords_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].keywords[{data__spec__profiles_item__keywords_x}]".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__keywords_item, str):
                                                data__spec__profiles_item__keywords_item_len = len(data__spec__profiles_item__keywords_item)
                                                if data__spec__profiles_item__keywords_item_len > 128:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].keywords[{data__spec__profiles_item__keywords_x}]".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "maintainer" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("maintainer")
                                    data__spec__profiles_item__maintainer = data__spec__profiles_item["maintainer"]
                                    if not isinstance(data__spec__profiles_item__maintainer, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].maintainer".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__maintainer, str):
                                        data__spec__profiles_item__maintainer_len = len(data__spec__profiles_item__maintainer)
                                        if data__spec__profiles_item__maintainer_len > 512:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].maintainer".format(**locals()) + " must be shorter than or equal to 512 characters")
                                if "catalog" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("catalog")
                                    data__spec__profiles_item__catalog = data__spec__profiles_item["catalog"]
                                    if not isinstance(data__spec__profiles_item__catalog, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].catalog".format(**locals()) + " must be string")
                                if "prerequisites" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("prerequisites")
                                    data__spec__profiles_item__prerequisites = data__spec__profiles_item["prerequisites"]
                                    if not isinstance(data__spec__profiles_item__prerequisites, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].prerequisites".format(**locals()) + " must be array")
                                    data__spec__profiles_item__prerequisites_is_list = isinstance(data__spec__profiles_item__prerequisites, (list, tuple))
                                    if data__spec__profiles_item__prerequisites_is_list:
                                        data__spec__profiles_item__prerequisites_len = len(data__spec__profiles_item__prerequisites)
                                        if data__spec__profiles_item__prerequisites_len > 64:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].prerequisites".format(**locals()) + " must contain less than or equal to 64 items")
                                        for data__spec__profiles_item__prerequisites_x, data__spec__profiles_item__prerequisites_item in enumerate(data__spec__profiles_item__prerequisites):
                                            if not isinstance(data__spec__profiles_item__prerequisites_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].prerequisites[{data__spec__profiles_item__prerequisites_x}]".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__prerequisites_item, str):
                                                data__spec__profiles_item__prerequisites_item_len = len(data__spec__profiles_item__prerequisites_item)
                                                if data__spec__profiles_item__prerequisites_item_len > 512:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].prerequisites[{data__spec__profiles_item__prerequisites_x}]".format(**locals()) + " must be shorter than or equal to 512 characters")
                                if "deprecated" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("deprecated")
                                    data__spec__profiles_item__deprecated = data__spec__profiles_item["deprecated"]
                                    if not isinstance(data__spec__profiles_item__deprecated, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].deprecated".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__deprecated, str):
                                        data__spec__profiles_item__deprecated_len = len(data__spec__profiles_item__deprecated)
                                        if data__spec__profiles_item__deprecated_len > 1024:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].deprecated".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "valuesSchema" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("valuesSchema")
                                    data__spec__profiles_item__valuesSchema = data__spec__profiles_item["valuesSchema"]
                                    if not isinstance(data__spec__profiles_item__valuesSchema, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].valuesSchema".format(**locals()) + " must be object")
                                if "chart" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("chart")
                                    data__spec__profiles_item__chart = data__spec__profiles_item["chart"]
                                    if not isinstance(data__spec__profiles_item__chart, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart".format(**locals()) + " must be object")
                                    data__spec__profiles_item__chart_is_dict = isinstance(data__spec__profiles_item__chart, dict)
                                    if data__spec__profiles_item__chart_is_dict:
                                        data__spec__profiles_item__chart__missing_keys = set(['url', 'name']) - data__spec__profiles_item__chart.keys()
                                        if data__spec__profiles_item__chart__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart".format(**locals()) + " must contain ")
                                        data__spec__profiles_item__chart_keys = set(data__spec__profiles_item__chart.keys())
                                        if "url" in data__spec__profiles_item__chart_keys:
                                            data__spec__profiles_item__chart_keys.remove("url")
                                            data__spec__profiles_item__chart__url = data__spec__profiles_item__chart["url"]
                                            if not isinstance(data__spec__profiles_item__chart__url, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.url".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__chart__url, str):
                                                data__spec__profiles_item__chart__url_len = len(data__spec__profiles_item__chart__url)
                                                if data__spec__profiles_item__chart__url_len > 2048:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                        if "name" in data__spec__profiles_item__chart_keys:
                                            data__spec__profiles_item__chart_keys.remove("name")
                                            data__spec__profiles_item__chart__name = data__spec__profiles_item__chart["name"]
                                            if not isinstance(data__spec__profiles_item__chart__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.name".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__chart__name, str):
                                                data__spec__profiles_item__chart__name_len = len(data__spec__profiles_item__chart__name)
                                                if data__spec__profiles_item__chart__name_len > 253:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.name".format(**locals()) + " must be shorter than or equal to 253 characters")
                                        if "archive" in data__spec__profiles_item__chart_keys:
                                            data__spec__profiles_item__chart_keys.remove("archive")
                                            data__spec__profiles_item__chart__archive = data__spec__profiles_item__chart["archive"]
                                            if not isinstance(data__spec__profiles_item__chart__archive, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.archive".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__chart__archive, str):
                                                data__spec__profiles_item__chart__archive_len = len(data__spec__profiles_item__chart__archive)
                                                if data__spec__profiles_item__chart__archive_len > 2048:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.archive".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                        if "digest" in data__spec__profiles_item__chart_keys:
                                            data__spec__profiles_item__chart_keys.remove("digest")
                                            data__spec__profiles_item__chart__digest = data__spec__profiles_item__chart["digest"]
                                            if not isinstance(data__spec__profiles_item__chart__digest, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.digest".format(**locals()) + " must be string")
                                            if isinstance(data__spec__profiles_item__chart__digest, str):
                                                data__spec__profiles_item__chart__digest_len = len(data__spec__profiles_item__chart__digest)
                                                if data__spec__profiles_item__chart__digest_len > 128:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].chart.digest".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "category" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("category")
                                    data__spec__profiles_item__category = data__spec__profiles_item["category"]
                                    if not isinstance(data__spec__profiles_item__category, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].category".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__category, str):
                                        data__spec__profiles_item__category_len = len(data__spec__profiles_item__category)
                                        if data__spec__profiles_item__category_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].category".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "layer" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("layer")
                                    data__spec__profiles_item__layer = data__spec__profiles_item["layer"]
                                    if not isinstance(data__spec__profiles_item__layer, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].layer".format(**locals()) + " must be string")
                                    if isinstance(data__spec__profiles_item__layer, str):
                                        data__spec__profiles_item__layer_len = len(data__spec__profiles_item__layer)
                                        if data__spec__profiles_item__layer_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].layer".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "links" in data__spec__profiles_item_keys:
                                    data__spec__profiles_item_keys.remove("links")
                                    data__spec__profiles_item__links = data__spec__profiles_item["links"]
                                    if not isinstance(data__spec__profiles_item__links, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links".format(**locals()) + " must be array")
                                    data__spec__profiles_item__links_is_list = isinstance(data__spec__profiles_item__links, (list, tuple))
                                    if data__spec__profiles_item__links_is_list:
                                        data__spec__profiles_item__links_len = len(data__spec__profiles_item__links)
                                        if data__spec__profiles_item__links_len > 32:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links".format(**locals()) + " must contain less than or equal to 32 items")
                                        for data__spec__profiles_item__links_x, data__spec__profiles_item__links_item in enumerate(data__spec__profiles_item__links):
                                            if not isinstance(data__spec__profiles_item__links_item, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}]".format(**locals()) + " must be object")
                                            data__spec__profiles_item__links_item_is_dict = isinstance(data__spec__profiles_item__links_item, dict)
                                            if data__spec__profiles_item__links_item_is_dict:
                                                data__spec__profiles_item__links_item__missing_keys = set(['url']) - data__spec__profiles_item__links_item.keys()
                                                if data__spec__profiles_item__links_item__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}]".format(**locals()) + " must contain ")
                                                data__spec__profiles_item__links_item_keys = set(data__spec__profiles_item__links_item.keys())
                                                if "name" in data__spec__profiles_item__links_item_keys:
                                                    data__spec__profiles_item__links_item_keys.remove("name")
                                                    data__spec__profiles_item__links_item__name = data__spec__profiles_item__links_item["name"]
                                                    if not isinstance(data__spec__profiles_item__links_item__name, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}].name".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__profiles_item__links_item__name, str):
                                                        data__spec__profiles_item__links_item__name_len = len(data__spec__profiles_item__links_item__name)
                                                        if data__spec__profiles_item__links_item__name_len > 256:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}].name".format(**locals()) + " must be shorter than or equal to 256 characters")
                                                if "url" in data__spec__profiles_item__links_item_keys:
                                                    data__spec__profiles_item__links_item_keys.remove("url")
                                                    data__spec__profiles_item__links_item__url = data__spec__profiles_item__links_item["url"]
                                                    if not isinstance(data__spec__profiles_item__links_item__url, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}].url".format(**locals()) + " must be string")
                                                    if isinstance(data__spec__profiles_item__links_item__url, str):
                                                        data__spec__profiles_item__links_item__url_len = len(data__spec__profiles_item__links_item__url)
                                                        if data__spec__profiles_item__links_item__url_len > 2048:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.profiles[{data__spec__profiles_x}].links[{data__spec__profiles_item__links_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                if "repositories" in data__spec_keys:
                    data__spec_keys.remove("repositories")
                    data__spec__repositories = data__spec["repositories"]
                    if not isinstance(data__spec__repositories, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories must be array")
                    data__spec__repositories_is_list = isinstance(data__spec__repositories, (list, tuple))
                    if data__spec__repositories_is_list:
                        data__spec__repositories_len = len(data__spec__repositories)
                        for data__spec__repositories_x, data__spec__repositories_item in enumerate(data__spec__repositories):
                            if not isinstance(data__spec__repositories_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}]".format(**locals()) + " must be object")
                            data__spec__repositories_item_is_dict = isinstance(data__spec__repositories_item, dict)
                            if data__spec__repositories_item_is_dict:
                                data__spec__repositories_item__missing_keys = set(['url']) - data__spec__repositories_item.keys()
                                if data__spec__repositories_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}]".format(**locals()) + " must contain ")
                                data__spec__repositories_item_keys = set(data__spec__repositories_item.keys())
                                if "url" in data__spec__repositories_item_keys:
                                    data__spec__repositories_item_keys.remove("url")
                                    data__spec__repositories_item__url = data__spec__repositories_item["url"]
                                    if not isinstance(data__spec__repositories_item__url, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].url".format(**locals()) + " must be string")
                                    if isinstance(data__spec__repositories_item__url, str):
                                        data__spec__repositories_item__url_len = len(data__spec__repositories_item__url)
                                        if data__spec__repositories_item__url_len > 2048:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                if "interval" in data__spec__repositories_item_keys:
                                    data__spec__repositories_item_keys.remove("interval")
                                    data__spec__repositories_item__interval = data__spec__repositories_item["interval"]
                                    if not isinstance(data__spec__repositories_item__interval, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].interval".format(**locals()) + " must be string")
                                    if isinstance(data__spec__repositories_item__interval, str):
                                        if not REGEX_PATTERNS['^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'].search(data__spec__repositories_item__interval):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].interval".format(**locals()) + " must match pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
                                if "secretRef" in data__spec__repositories_item_keys:
                                    data__spec__repositories_item_keys.remove("secretRef")
                                    data__spec__repositories_item__secretRef = data__spec__repositories_item["secretRef"]
                                    if not isinstance(data__spec__repositories_item__secretRef, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].secretRef".format(**locals()) + " must be object")
                                    data__spec__repositories_item__secretRef_is_dict = isinstance(data__spec__repositories_item__secretRef, dict)
                                    if data__spec__repositories_item__secretRef_is_dict:
                                        data__spec__repositories_item__secretRef__missing_keys = set(['name']) - data__spec__repositories_item__secretRef.keys()
                                        if data__spec__repositories_item__secretRef__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].secretRef".format(**locals()) + " must contain ")
                                        data__spec__repositories_item__secretRef_keys = set(data__spec__repositories_item__secretRef.keys())
                                        if "name" in data__spec__repositories_item__secretRef_keys:
                                            data__spec__repositories_item__secretRef_keys.remove("name")
                                            data__spec__repositories_item__secretRef__name = data__spec__repositories_item__secretRef["name"]
                                            if not isinstance(data__spec__repositories_item__secretRef__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].secretRef.name".format(**locals()) + " must be string")
                                            if isinstance(data__spec__repositories_item__secretRef__name, str):
                                                data__spec__repositories_item__secretRef__name_len = len(data__spec__repositories_item__secretRef__name)
                                                if data__spec__repositories_item__secretRef__name_len > 253:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.repositories[{data__spec__repositories_x}].secretRef.name".format(**locals()) + " must be shorter than or equal to 253 characters")
                if "helmRepositories" in data__spec_keys:
                    data__spec_keys.remove("helmRepositories")
                    data__spec__helmRepositories = data__spec["helmRepositories"]
                    if not isinstance(data__spec__helmRepositories, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories must be array")
                    data__spec__helmRepositories_is_list = isinstance(data__spec__helmRepositories, (list, tuple))
                    if data__spec__helmRepositories_is_list:
                        data__spec__helmRepositories_len = len(data__spec__helmRepositories)
                        for data__spec__helmRepositories_x, data__spec__helmRepositories_item in enumerate(data__spec__helmRepositories):
                            if not isinstance(data__spec__helmRepositories_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}]".format(**locals()) + " must be object")
                            data__spec__helmRepositories_item_is_dict = isinstance(data__spec__helmRepositories_item, dict)
                            if data__spec__helmRepositories_item_is_dict:
                                data__spec__helmRepositories_item__missing_keys = set(['url']) - data__spec__helmRepositories_item.keys()
                                if data__spec__helmRepositories_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}]".format(**locals()) + " must contain ")
                                data__spec__helmRepositories_item_keys = set(data__spec__helmRepositories_item.keys())
                                if "url" in data__spec__helmRepositories_item_keys:
                                    data__spec__helmRepositories_item_keys.remove("url")
                                    data__spec__helmRepositories_item__url = data__spec__helmRepositories_item["url"]
                                    if not isinstance(data__spec__helmRepositories_item__url, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].url".format(**locals()) + " must be string")
                                    if isinstance(data__spec__helmRepositories_item__url, str):
                                        data__spec__helmRepositories_item__url_len = len(data__spec__helmRepositories_item__url)
                                        if data__spec__helmRepositories_item__url_len > 2048:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                if "secretRef" in data__spec__helmRepositories_item_keys:
                                    data__spec__helmRepositories_item_keys.remove("secretRef")
                                    data__spec__helmRepositories_item__secretRef = data__spec__helmRepositories_item["secretRef"]
                                    if not isinstance(data__spec__helmRepositories_item__secretRef, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].secretRef".format(**locals()) + " must be object")
                                    data__spec__helmRepositories_item__secretRef_is_dict = isinstance(data__spec__helmRepositories_item__secretRef, dict)
                                    if data__spec__helmRepositories_item__secretRef_is_dict:
                                        data__spec__helmRepositories_item__secretRef__missing_keys = set(['name']) - data__spec__helmRepositories_item__secretRef.keys()
                                        if data__spec__helmRepositories_item__secretRef__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].secretRef".format(**locals()) + " must contain ")
                                        data__spec__helmRepositories_item__secretRef_keys = set(data__spec__helmRepositories_item__secretRef.keys())
                                        if "name" in data__spec__helmRepositories_item__secretRef_keys:
                                            data__spec__helmRepositories_item__secretRef_keys.remove("name")
                                            data__spec__helmRepositories_item__secretRef__name = data__spec__helmRepositories_item__secretRef["name"]
                                            if not isinstance(data__spec__helmRepositories_item__secretRef__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].secretRef.name".format(**locals()) + " must be string")
                                            if isinstance(data__spec__helmRepositories_item__secretRef__name, str):
                                                data__spec__helmRepositories_item__secretRef__name_len = len(data__spec__helmRepositories_item__secretRef__name)
                                                if data__spec__helmRepositories_item__secretRef__name_len > 253:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].secretRef.name".format(**locals()) + " must be shorter than or equal to 253 characters")
                                if "interval" in data__spec__helmRepositories_item_keys:
                                    data__spec__helmRepositories_item_keys.remove("interval")
                                    data__spec__helmRepositories_item__interval = data__spec__helmRepositories_item["interval"]
                                    if not isinstance(data__spec__helmRepositories_item__interval, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].interval".format(**locals()) + " must be string")
                                    if isinstance(data__spec__helmRepositories_item__interval, str):
                                        if not REGEX_PATTERNS['^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'].search(data__spec__helmRepositories_item__interval):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.helmRepositories[{data__spec__helmRepositories_x}].interval".format(**locals()) + " must match pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
                if "access" in data__spec_keys:
                    data__spec_keys.remove("access")
                    data__spec__access = data__spec["access"]
                    if not isinstance(data__spec__access, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access must be object")
                    data__spec__access_is_dict = isinstance(data__spec__access, dict)
                    if data__spec__access_is_dict:
                        data__spec__access_keys = set(data__spec__access.keys())
                        if "namespaces" in data__spec__access_keys:
                            data__spec__access_keys.remove("namespaces")
                            data__spec__access__namespaces = data__spec__access["namespaces"]
                            if not isinstance(data__spec__access__namespaces, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaces must be array")
                            data__spec__access__namespaces_is_list = isinstance(data__spec__access__namespaces, (list, tuple))
                            if data__spec__access__namespaces_is_list:
                                data__spec__access__namespaces_len = len(data__spec__access__namespaces)
                                for data__spec__access__namespaces_x, data__spec__access__namespaces_item in enumerate(data__spec__access__namespaces):
                                    if not isinstance(data__spec__access__namespaces_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaces[{data__spec__access__namespaces_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__spec__access__namespaces_item, str):
                                        data__spec__access__namespaces_item_len = len(data__spec__access__namespaces_item)
                                        if data__spec__access__namespaces_item_len > 63:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaces[{data__spec__access__namespaces_x}]".format(**locals()) + " must be shorter than or equal to 63 characters")
                        if "namespaceSelector" in data__spec__access_keys:
                            data__spec__access_keys.remove("namespaceSelector")
                            data__spec__access__namespaceSelector = data__spec__access["namespaceSelector"]
                            if not isinstance(data__spec__access__namespaceSelector, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector must be object")
                            data__spec__access__namespaceSelector_is_dict = isinstance(data__spec__access__namespaceSelector, dict)
                            if data__spec__access__namespaceSelector_is_dict:
                                data__spec__access__namespaceSelector_keys = set(data__spec__access__namespaceSelector.keys())
                                if "matchLabels" in data__spec__access__namespaceSelector_keys:
                                    data__spec__access__namespaceSelector_keys.remove("matchLabels")
                                    data__spec__access__namespaceSelector__matchLabels = data__spec__access__namespaceSelector["matchLabels"]
                                    if not isinstance(data__spec__access__namespaceSelector__matchLabels, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchLabels must be object")
                                    data__spec__access__namespaceSelector__matchLabels_is_dict = isinstance(data__spec__access__namespaceSelector__matchLabels, dict)
                                    if data__spec__access__namespaceSelector__matchLabels_is_dict:
                                        data__spec__access__namespaceSelector__matchLabels_keys = set(data__spec__access__namespaceSelector__matchLabels.keys())
                                        for data__spec__access__namespaceSelector__matchLabels_key in data__spec__access__namespaceSelector__matchLabels_keys:
                                            if data__spec__access__namespaceSelector__matchLabels_key not in []:
                                                data__spec__access__namespaceSelector__matchLabels_value = data__spec__access__namespaceSelector__matchLabels.get(data__spec__access__namespaceSelector__matchLabels_key)
                                                if not isinstance(data__spec__access__namespaceSelector__matchLabels_value, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchLabels.{data__spec__access__namespaceSelector__matchLabels_key}".format(**locals()) + " must be string")
                                if "matchExpressions" in data__spec__access__namespaceSelector_keys:
                                    data__spec__access__namespaceSelector_keys.remove("matchExpressions")
                                    data__spec__access__namespaceSelector__matchExpressions = data__spec__access__namespaceSelector["matchExpressions"]
                                    if not isinstance(data__spec__access__namespaceSelector__matchExpressions, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions must be array")
                                    data__spec__access__namespaceSelector__matchExpressions_is_list = isinstance(data__spec__access__namespaceSelector__matchExpressions, (list, tuple))
                                    if data__spec__access__namespaceSelector__matchExpressions_is_list:
                                        data__spec__access__namespaceSelector__matchExpressions_len = len(data__spec__access__namespaceSelector__matchExpressions)
                                        for data__spec__access__namespaceSelector__matchExpressions_x, data__spec__access__namespaceSelector__matchExpressions_item in enumerate(data__spec__access__namespaceSelector__matchExpressions):
                                            if not isinstance(data__spec__access__namespaceSelector__matchExpressions_item, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}]".format(**locals()) + " must be object")
                                            data__spec__access__namespaceSelector__matchExpressions_item_is_dict = isinstance(data__spec__access__namespaceSelector__matchExpressions_item, dict)
                                            if data__spec__access__namespaceSelector__matchExpressions_item_is_dict:
                                                data__spec__access__namespaceSelector__matchExpressions_item__missing_keys = set(['key', 'operator']) - data__spec__access__namespaceSelector__matchExpressions_item.keys()
                                                if data__spec__access__namespaceSelector__matchExpressions_item__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}]".format(**locals()) + " must contain ")
                                                data__spec__access__namespaceSelector__matchExpressions_item_keys = set(data__spec__access__namespaceSelector__matchExpressions_item.keys())
                                                if "key" in data__spec__access__namespaceSelector__matchExpressions_item_keys:
                                                    data__spec__access__namespaceSelector__matchExpressions_item_keys.remove("key")
                                                    data__spec__access__namespaceSelector__matchExpressions_item__key = data__spec__access__namespaceSelector__matchExpressions_item["key"]
                                                    if not isinstance(data__spec__access__namespaceSelector__matchExpressions_item__key, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}].key".format(**locals()) + " must be string")
                                                if "operator" in data__spec__access__namespaceSelector__matchExpressions_item_keys:
                                                    data__spec__access__namespaceSelector__matchExpressions_item_keys.remove("operator")
                                                    data__spec__access__namespaceSelector__matchExpressions_item__operator = data__spec__access__namespaceSelector__matchExpressions_item["operator"]
                                                    if not isinstance(data__spec__access__namespaceSelector__matchExpressions_item__operator, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}].operator".format(**locals()) + " must be string")
                                                    if not (isinstance(data__spec__access__namespaceSelector__matchExpressions_item__operator, str) and data__spec__access__namespaceSelector__matchExpressions_item__operator == 'In' or isinstance(data__spec__access__namespaceSelector__matchExpressions_item__operator, str) and data__spec__access__namespaceSelector__matchExpressions_item__operator == 'NotIn' or isinstance(data__spec__access__namespaceSelector__matchExpressions_item__operator, str) and data__spec__access__namespaceSelector__matchExpressions_item__operator == 'Exists' or isinstance(data__spec__access__namespaceSelector__matchExpressions_item__operator, str) and data__spec__access__namespaceSelector__matchExpressions_item__operator == 'DoesNotExist'):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}].operator".format(**locals()) + " must be one of ['In', 'NotIn', 'Exists', 'DoesNotExist']")
                                                if "values" in data__spec__access__namespaceSelector__matchExpressions_item_keys:
                                                    data__spec__access__namespaceSelector__matchExpressions_item_keys.remove("values")
                                                    data__spec__access__namespaceSelector__matchExpressions_item__values = data__spec__access__namespaceSelector__matchExpressions_item["values"]
                                                    if not isinstance(data__spec__access__namespaceSelector__matchExpressions_item__values, (list, tuple)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}].values".format(**locals()) + " must be array")
                                                    data__spec__access__namespaceSelector__matchExpressions_item__values_is_list = isinstance(data__spec__access__namespaceSelector__matchExpressions_item__values, (list, tuple))
                                                    if data__spec__access__namespaceSelector__matchExpressions_item__values_is_list:
                                                        data__spec__access__namespaceSelector__matchExpressions_item__values_len = len(data__spec__access__namespaceSelector__matchExpressions_item__values)
                                                        for data__spec__access__namespaceSelector__matchExpressions_item__values_x, data__spec__access__namespaceSelector__matchExpressions_item__values_item in enumerate(data__spec__access__namespaceSelector__matchExpressions_item__values):
                                                            if not isinstance(data__spec__access__namespaceSelector__matchExpressions_item__values_item, (str)):
                                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.namespaceSelector.matchExpressions[{data__spec__access__namespaceSelector__matchExpressions_x}].values[{data__spec__access__namespaceSelector__matchExpressions_item__values_x}]".format(**locals()) + " must be string")
                        if "groups" in data__spec__access_keys:
                            data__spec__access_keys.remove("groups")
                            data__spec__access__groups = data__spec__access["groups"]
                            if not isinstance(data__spec__access__groups, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.groups must be array")
                            data__spec__access__groups_is_list = isinstance(data__spec__access__groups, (list, tuple))
                            if data__spec__access__groups_is_list:
                                data__spec__access__groups_len = len(data__spec__access__groups)
                                for data__spec__access__groups_x, data__spec__access__groups_item in enumerate(data__spec__access__groups):
                                    if not isinstance(data__spec__access__groups_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.groups[{data__spec__access__groups_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__spec__access__groups_item, str):
                                        data__spec__access__groups_item_len = len(data__spec__access__groups_item)
                                        if data__spec__access__groups_item_len > 253:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".spec.access.groups[{data__spec__access__groups_x}]".format(**locals()) + " must be shorter than or equal to 253 characters")
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
                if "profileCount" in data__status_keys:
                    data__status_keys.remove("profileCount")
                    data__status__profileCount = data__status["profileCount"]
                    if not isinstance(data__status__profileCount, (int)) and not (isinstance(data__status__profileCount, float) and data__status__profileCount.is_integer()) or isinstance(data__status__profileCount, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profileCount must be integer")
                if "lastScanTime" in data__status_keys:
                    data__status_keys.remove("lastScanTime")
                    data__status__lastScanTime = data__status["lastScanTime"]
                    if not isinstance(data__status__lastScanTime, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.lastScanTime must be string")
                    if isinstance(data__status__lastScanTime, str):
                        if not REGEX_PATTERNS["date-time_re_pattern"].match(data__status__lastScanTime):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.lastScanTime must be date-time")
                if "profiles" in data__status_keys:
                    data__status_keys.remove("profiles")
                    data__status__profiles = data__status["profiles"]
                    if not isinstance(data__status__profiles, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles must be array")
                    data__status__profiles_is_list = isinstance(data__status__profiles, (list, tuple))
                    if data__status__profiles_is_list:
                        data__status__profiles_len = len(data__status__profiles)
                        for data__status__profiles_x, data__status__profiles_item in enumerate(data__status__profiles):
                            if not isinstance(data__status__profiles_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}]".format(**locals()) + " must be object")
                            data__status__profiles_item_is_dict = isinstance(data__status__profiles_item, dict)
                            if data__status__profiles_item_is_dict:
                                data__status__profiles_item__missing_keys = set(['name', 'version']) - data__status__profiles_item.keys()
                                if data__status__profiles_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}]".format(**locals()) + " must contain ")
                                data__status__profiles_item_keys = set(data__status__profiles_item.keys())
                                if "name" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("name")
                                    data__status__profiles_item__name = data__status__profiles_item["name"]
                                    if not isinstance(data__status__profiles_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].name".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__name, str):
                                        data__status__profiles_item__name_len = len(data__status__profiles_item__name)
                                        if data__status__profiles_item__name_len > 63:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].name".format(**locals()) + " must be shorter than or equal to 63 characters")
                                        if not REGEX_PATTERNS['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'].search(data__status__profiles_item__name):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].name".format(**locals()) + " must match pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
                                if "version" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("version")
                                    data__status__profiles_item__version = data__status__profiles_item["version"]
                                    if not isinstance(data__status__profiles_item__version, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].version".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__version, str):
                                        data__status__profiles_item__version_len = len(data__status__profiles_item__version)
                                        if data__status__profiles_item__version_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].version".format(**locals()) + " must be shorter than or equal to 128 characters")
                                        if not REGEX_PATTERNS['^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'].search(data__status__profiles_item__version):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].version".format(**locals()) + " must match pattern ^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$")
                                if "tag" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("tag")
                                    data__status__profiles_item__tag = data__status__profiles_item["tag"]
                                    if not isinstance(data__status__profiles_item__tag, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].tag".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__tag, str):
                                        data__status__profiles_item__tag_len = len(data__status__profiles_item__tag)
                                        if data__status__profiles_item__tag_len > 256:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].tag".format(**locals()) + " must be shorter than or equal to 256 characters")
                                if "url" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("url")
                                    data__status__profiles_item__url = data__status__profiles_item["url"]
                                    if not isinstance(data__status__profiles_item__url, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].url".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__url, str):
                                        data__status__profiles_item__url_len = len(data__status__profiles_item__url)
                                        if data__status__profiles_item__url_len > 2048:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                if "path" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("path")
                                    data__status__profiles_item__path = data__status__profiles_item["path"]
                                    if not isinstance(data__status__profiles_item__path, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].path".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__path, str):
                                        data__status__profiles_item__path_len = len(data__status__profiles_item__path)
                                        if data__status__profiles_item__path_len > 1024:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].path".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "description" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("description")
                                    data__status__profiles_item__description = data__status__profiles_item["description"]
                                    if not isinstance(data__status__profiles_item__description, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].description".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__description, str):
                                        data__status__profiles_item__description_len = len(data__status__profiles_item__description)
                                        if data__status__profiles_item__description_len > 4096:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].description".format(**locals()) + " must be shorter than or equal to 4096 characters")
                                if "keywords" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("keywords")
                                    data__status__profiles_item__keywords = data__status__profiles_item["keywords"]
                                    if not isinstance(data__status__profiles_item__keywords, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].keywords".format(**locals()) + " must be array")
                                    data__status__profiles_item__keywords_is_list = isinstance(data__status__profiles_item__keywords, (list, tuple))
                                    if data__status__profiles_item__keywords_is_list:
                                        data__status__profiles_item__keywords_len = len(data__status__profiles_item__keywords)
                                        if data__status__profiles_item__keywords_len > 64:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].keywords".format(**locals()) + " must contain less than or equal to 64 items")
                                        for data__status__profiles_item__keywords_x, data__status__profiles_item__keywords_item in enumerate(data__status__profiles_item__keywords):
                                            if not isinstance(data__status__profiles_item__keywords_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].keywords[{data__status__profiles_item__keywords_x}]".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__keywords_item, str):
                                                data__status__profiles_item__keywords_item_len = len(data__status__profiles_item__keywords_item)
                                                if data__status__profiles_item__keywords_item_len > 128:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].keywords[{data__status__profiles_item__keywords_x}]".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "maintainer" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("maintainer")
                                    data__status__profiles_item__maintainer = data__status__profiles_item["maintainer"]
                                    if not isinstance(data__status__profiles_item__maintainer, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].maintainer".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__maintainer, str):
                                        data__status__profiles_item__maintainer_len = len(data__status__profiles_item__maintainer)
                                        if data__status__profiles_item__maintainer_len > 512:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].maintainer".format(**locals()) + " must be shorter than or equal to 512 characters")
                                if "catalog" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("catalog")
                                    data__status__profiles_item__catalog = data__status__profiles_item["catalog"]
                                    if not isinstance(data__status__profiles_item__catalog, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].catalog".format(**locals()) + " must be string")
                                if "prerequisites" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("prerequisites")
                                    data__status__profiles_item__prerequisites = data__status__profiles_item["prerequisites"]
                                    if not isinstance(data__status__profiles_item__prerequisites, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].prerequisites".format(**locals()) + " must be array")
                                    data__status__profiles_item__prerequisites_is_list = isinstance(data__status__profiles_item__prerequisites, (list, tuple))
                                    if data__status__profiles_item__prerequisites_is_list:
                                        data__status__profiles_item__prerequisites_len = len(data__status__profiles_item__prerequisites)
                                        if data__status__profiles_item__prerequisites_len > 64:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].prerequisites".format(**locals()) + " must contain less than or equal to 64 items")
                                        for data__status__profiles_item__prerequisites_x, data__status__profiles_item__prerequisites_item in enumerate(data__status__profiles_item__prerequisites):
                                            if not isinstance(data__status__profiles_item__prerequisites_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].prerequisites[{data__status__profiles_item__prerequisites_x}]".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__prerequisites_item, str):
                                                data__status__profiles_item__prerequisites_item_len = len(data__status__profiles_item__prerequisites_item)
                                                if data__status__profiles_item__prerequisites_item_len > 512:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].prerequisites[{data__status__profiles_item__prerequisites_x}]".format(**locals()) + " must be shorter than or equal to 512 characters")
                                if "deprecated" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("deprecated")
                                    data__status__profiles_item__deprecated = data__status__profiles_item["deprecated"]
                                    if not isinstance(data__status__profiles_item__deprecated, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].deprecated".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__deprecated, str):
                                        data__status__profiles_item__deprecated_len = len(data__status__profiles_item__deprecated)
                                        if data__status__profiles_item__deprecated_len > 1024:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].deprecated".format(**locals()) + " must be shorter than or equal to 1024 characters")
                                if "valuesSchema" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("valuesSchema")
                                    data__status__profiles_item__valuesSchema = data__status__profiles_item["valuesSchema"]
                                    if not isinstance(data__status__profiles_item__valuesSchema, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].valuesSchema".format(**locals()) + " must be object")
                                if "chart" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("chart")
                                    data__status__profiles_item__chart = data__status__profiles_item["chart"]
                                    if not isinstance(data__status__profiles_item__chart, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart".format(**locals()) + " must be object")
                                    data__status__profiles_item__chart_is_dict = isinstance(data__status__profiles_item__chart, dict)
                                    if data__status__profiles_item__chart_is_dict:
                                        data__status__profiles_item__chart__missing_keys = set(['url', 'name']) - data__status__profiles_item__chart.keys()
                                        if data__status__profiles_item__chart__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart".format(**locals()) + " must contain ")
                                        data__status__profiles_item__chart_keys = set(data__status__profiles_item__chart.keys())
                                        if "url" in data__status__profiles_item__chart_keys:
                                            data__status__profiles_item__chart_keys.remove("url")
                                            data__status__profiles_item__chart__url = data__status__profiles_item__chart["url"]
                                            if not isinstance(data__status__profiles_item__chart__url, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.url".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__chart__url, str):
                                                data__status__profiles_item__chart__url_len = len(data__status__profiles_item__chart__url)
                                                if data__status__profiles_item__chart__url_len > 2048:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.url".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                        if "name" in data__status__profiles_item__chart_keys:
                                            data__status__profiles_item__chart_keys.remove("name")
                                            data__status__profiles_item__chart__name = data__status__profiles_item__chart["name"]
                                            if not isinstance(data__status__profiles_item__chart__name, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.name".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__chart__name, str):
                                                data__status__profiles_item__chart__name_len = len(data__status__profiles_item__chart__name)
                                                if data__status__profiles_item__chart__name_len > 253:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.name".format(**locals()) + " must be shorter than or equal to 253 characters")
                                        if "archive" in data__status__profiles_item__chart_keys:
                                            data__status__profiles_item__chart_keys.remove("archive")
                                            data__status__profiles_item__chart__archive = data__status__profiles_item__chart["archive"]
                                            if not isinstance(data__status__profiles_item__chart__archive, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.archive".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__chart__archive, str):
                                                data__status__profiles_item__chart__archive_len = len(data__status__profiles_item__chart__archive)
                                                if data__status__profiles_item__chart__archive_len > 2048:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.archive".format(**locals()) + " must be shorter than or equal to 2048 characters")
                                        if "digest" in data__status__profiles_item__chart_keys:
                                            data__status__profiles_item__chart_keys.remove("digest")
                                            data__status__profiles_item__chart__digest = data__status__profiles_item__chart["digest"]
                                            if not isinstance(data__status__profiles_item__chart__digest, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.digest".format(**locals()) + " must be string")
                                            if isinstance(data__status__profiles_item__chart__digest, str):
                                                data__status__profiles_item__chart__digest_len = len(data__status__profiles_item__chart__digest)
                                                if data__status__profiles_item__chart__digest_len > 128:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].chart.digest".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "category" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("category")
                                    data__status__profiles_item__category = data__status__profiles_item["category"]
                                    if not isinstance(data__status__profiles_item__category, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].category".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__category, str):
                                        data__status__profiles_item__category_len = len(data__status__profiles_item__category)
                                        if data__status__profiles_item__category_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].category".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "layer" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("layer")
                                    data__status__profiles_item__layer = data__status__profiles_item["layer"]
                                    if not isinstance(data__status__profiles_item__layer, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].layer".format(**locals()) + " must be string")
                                    if isinstance(data__status__profiles_item__layer, str):
                                        data__status__profiles_item__layer_len = len(data__status__profiles_item__layer)
                                        if data__status__profiles_item__layer_len > 128:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].layer".format(**locals()) + " must be shorter than or equal to 128 characters")
                                if "links" in data__status__profiles_item_keys:
                                    data__status__profiles_item_keys.remove("links")
                                    data__status__profiles_item__links = data__status__profiles_item["links"]
                                    if not isinstance(data__status__profiles_item__links, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links".format(**locals()) + " must be array")
                                    data__status__profiles_item__links_is_list = isinstance(data__status__profiles_item__links, (list, tuple))
                                    if data__status__profiles_item__links_is_list:
                                        data__status__profiles_item__links_len = len(data__status__profiles_item__links)
                                        if data__status__profiles_item__links_len > 32:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links".format(**locals()) + " must contain less than or equal to 32 items")
                                        for data__status__profiles_item__links_x, data__status__profiles_item__links_item in enumerate(data__status__profiles_item__links):
                                            if not isinstance(data__status__profiles_item__links_item, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}]".format(**locals()) + " must be object")
                                            data__status__profiles_item__links_item_is_dict = isinstance(data__status__profiles_item__links_item, dict)
                                            if data__status__profiles_item__links_item_is_dict:
                                                data__status__profiles_item__links_item__missing_keys = set(['url']) - data__status__profiles_item__links_item.keys()
                                                if data__status__profiles_item__links_item__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}]".format(**locals()) + " must contain ")
                                                data__status__profiles_item__links_item_keys = set(data__status__profiles_item__links_item.keys())
                                                if "name" in data__status__profiles_item__links_item_keys:
                                                    data__status__profiles_item__links_item_keys.remove("name")
                                                    data__status__profiles_item__links_item__name = data__status__profiles_item__links_item["name"]
                                                    if not isinstance(data__status__profiles_item__links_item__name, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}].name".format(**locals()) + " must be string")
                                                    if isinstance(data__status__profiles_item__links_item__name, str):
                                                        data__status__profiles_item__links_item__name_len = len(data__status__profiles_item__links_item__name)
                                                        if data__status__profiles_item__links_item__name_len > 256:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}].name".format(**locals()) + " must be shorter than or equal to 256 characters")
                                                if "url" in data__status__profiles_item__links_item_keys:
                                                    data__status__profiles_item__links_item_keys.remove("url")
                                                    data__status__profiles_item__links_item__url = data__status__profiles_item__links_item["url"]
                                                    if not isinstance(data__status__profiles_item__links_item__url, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}].url".format(**locals()) + " must be string")
                                                    if isinstance(data__status__profiles_item__links_item__url, str):
                                                        data__status__profiles_item__links_item__url_len = len(data__status__profiles_item__links_item__url)
                                                        if data__status__profiles_item__links_item__url_len > 2048:
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status.profiles[{data__status__profiles_x}].links[{data__status__profiles_item__links_x}].url".format(**locals()) + " must be shorter than or equal to 2048 characters")
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
