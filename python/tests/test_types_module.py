"""`ucs_sdk.types` imports, and its functional TypedDicts' forward references resolve."""
import typing

import ucs_sdk.types as types


def test_kubeconfig_doc_refers_to_classes_defined_after_it():
    hints = typing.get_type_hints(types.KubeconfigDoc)
    assert hints["clusters"] == typing.List[types.NamedCluster]
    assert hints["current-context"] == typing.Optional[str]
