"""The indexes app's models: the figures (agencies, editions, results, service counts) and the page."""

from indexes.models.alerts import AlertSubscription
from indexes.models.figures import (
    Agency,
    AgencyKind,
    ClassificationBand,
    Component,
    ComponentScore,
    Correction,
    IndexEdition,
    IndexSeries,
    Procedure,
    ProcedureCounts,
    ProcedureLevel,
    ProcedureList,
    Result,
    ServiceCount,
    percent,
)
from indexes.models.pages import IndexesPage

__all__ = [
    "Agency",
    "AgencyKind",
    "AlertSubscription",
    "ClassificationBand",
    "Component",
    "ComponentScore",
    "Correction",
    "IndexEdition",
    "IndexSeries",
    "IndexesPage",
    "Procedure",
    "ProcedureCounts",
    "ProcedureLevel",
    "ProcedureList",
    "Result",
    "ServiceCount",
    "percent",
]
