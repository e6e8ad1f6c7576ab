using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>ServiceNow (<c>servicenow</c>). Source: cloud-elements/devportal:docs/elements/servicenow/authenticate.md.</summary>
internal static class ServiceNow
{
    public static readonly CatalogElement Element = new(
        "servicenow",
        "ServiceNow",
        "ServiceNow",
        CatalogAuth.Basic,
        "cloud-elements/devportal:docs/elements/servicenow/authenticate.md",
        Username(),
        Password(),
        new("Subdomain", "The ServiceNow Subdomain", "servicenow.subdomain", Description: "e.g. dev12345."))
    {
        Quirks = "The subdomain fills the {subdomain} placeholder of the base URL; the UI also accepts a full URL.",
    };
}
