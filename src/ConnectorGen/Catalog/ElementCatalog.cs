using System;
using System.Collections.Generic;
using ConnectorGen.Catalog.Elements;

namespace ConnectorGen.Catalog;

/// <summary>
/// The built-in elements, compiled into the generator: a mapping that names one of these keys may leave out its
/// <c>credentials</c> (and <c>auth</c>). One file per element in <c>Elements/</c>, each naming its source page.
/// </summary>
internal static class ElementCatalog
{
    /// <summary>Every catalogued element, ordered by key (the README table follows this order).</summary>
    public static readonly IReadOnlyList<CatalogElement> All = Sorted(
        Box.Element,
        Dropbox.Element,
        DynamicsCrmAdfs.Element,
        FreshdeskV2.Element,
        GitHub.Element,
        GoogleDrive.Element,
        HubSpotCrm.Element,
        InfusionsoftCrm.Element,
        InfusionsoftEcommerce.Element,
        InfusionsoftMarketing.Element,
        InfusionsoftRest.Element,
        Marketo.Element,
        NetSuiteCrmV2.Element,
        QuickBooks.Element,
        SageOne.Element,
        Salesforce.Element,
        ServiceNow.Element,
        ServiceNowOAuth.Element,
        Shopify.Element,
        Slack.Element,
        Stripe.Element,
        SugarCrmV2.Element,
        Zendesk.Element,
        ZohoCrm.Element);

    private static readonly Dictionary<string, CatalogElement> ByKey = Index(All);

    private static readonly string[] Keys = KeysOf(All);

    /// <summary>The element of <paramref name="key"/> (exact, as Open Connectors keys are), or null.</summary>
    public static CatalogElement? Find(string key) => ByKey.TryGetValue(key, out var element) ? element : null;

    /// <summary>The catalogued key closest to <paramref name="key"/>, for a suggestion.</summary>
    public static string? Closest(string key)
    {
        // Element keys are often a provider name plus a product or version (hubspotcrm, freshdeskv2, netsuitecrmv2): a
        // key that starts with what the user wrote is the likelier meaning than the nearest spelling.
        string? extended = null;
        if (key.Length >= 3)
        {
            foreach (var candidate in Keys)
            {
                if (candidate.StartsWith(key, StringComparison.OrdinalIgnoreCase) && (extended is null || candidate.Length < extended.Length))
                {
                    extended = candidate;
                }
            }
        }

        return extended ?? Mapping.Identifiers.ClosestName(key, Keys);
    }

    /// <summary>A browsable URL for a <c>cloud-elements/devportal:&lt;path&gt;</c> source.</summary>
    public static string SourceUrl(string source)
    {
        const string Repository = "cloud-elements/devportal:";
        return source.StartsWith(Repository, StringComparison.Ordinal)
            ? "https://github.com/cloud-elements/devportal/blob/master/" + source.Substring(Repository.Length)
            : source;
    }

    private static IReadOnlyList<CatalogElement> Sorted(params CatalogElement[] elements)
    {
        Array.Sort(elements, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return elements;
    }

    private static Dictionary<string, CatalogElement> Index(IReadOnlyList<CatalogElement> elements)
    {
        var result = new Dictionary<string, CatalogElement>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            result.Add(element.Key, element);
        }

        return result;
    }

    private static string[] KeysOf(IReadOnlyList<CatalogElement> elements)
    {
        var keys = new string[elements.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = elements[i].Key;
        }

        return keys;
    }
}
