"""`ucs_sdk.types` imports, and its functional TypedDicts' forward references resolve."""
import typing

import ucs_sdk.types as types


def test_kubeconfig_doc_refers_to_classes_defined_after_it():
    hints = typing.get_type_hints(types.KubeconfigDoc)
    assert hints["clusters"] == typing.List[types.NamedCluster]
    assert hints["current-context"] == typing.Optional[str]


def test_import_ucs_sdk_loads_no_typing():
    """`typing` (with `re`, `enum`, `collections`) was most of the time of `import ucs_sdk`; the
    TypedDicts load on first use."""
    import subprocess
    import sys

    code = "import sys, ucs_sdk; print(sorted({'typing', 're', 'enum'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_client_options_loads_on_first_use():
    from ucs_sdk import _options

    hints = typing.get_type_hints(_options.ClientOptions)
    assert hints["ak"] == typing.Optional[str]
    assert hints["timeout"] == typing.Optional[float]
    assert "_from_env" not in hints
