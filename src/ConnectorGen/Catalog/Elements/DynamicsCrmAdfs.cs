using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Microsoft Dynamics CRM (<c>dynamicscrmadfs</c>). Source: cloud-elements/devportal:docs/elements/dynamicscrm/authenticate.md.</summary>
internal static class DynamicsCrmAdfs
{
    public static readonly CatalogElement Element = new(
        "dynamicscrmadfs",
        "Microsoft Dynamics CRM",
        "Dynamics",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/dynamicscrm/authenticate.md",
        AuthenticationType("custom|oauth2", required: false, "custom (default here) or oauth2."),
        Username("User Name", "user.username"),
        Password("Password", "user.password"),
        new("Tenant", "Dynamics CRM URL", "dynamics.tenant", Format: FormatKind.HostName, Description: "e.g. yourcompanyname.crm.dynamics.com."))
    {
        Quirks = "authentication.type is custom (mapped here: user name, password, tenant host) or oauth2 (map oauth.api.key, oauth.api.secret, oauth.callback.url, oauth.resource.url and an auth section). typeOauth is true although the element auth is custom.",
    };
}
