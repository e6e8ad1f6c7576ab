using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Zoho CRM (<c>zohocrm</c>). Source: cloud-elements/devportal:docs/elements/zohocrm/zohocrm-create-instance.md.</summary>
internal static class ZohoCrm
{
    public static readonly CatalogElement Element = new(
        "zohocrm",
        "Zoho CRM",
        "ZohoCrm",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/zohocrm/zohocrm-create-instance.md",
        Username("Username", "crm.zohocrm.username"),
        Password("Password", "crm.zohocrm.password"))
    {
        Quirks = "The auth type is not shown; the user name and password keys are element-specific.",
    };
}
