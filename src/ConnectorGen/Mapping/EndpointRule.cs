using System;

namespace ConnectorGen.Mapping;

/// <summary>What is wrong with a URL that credentials or tokens are sent to.</summary>
internal enum EndpointProblem
{
    None,

    /// <summary>Not an absolute http(s) URL (or, for an origin, one with user info, query or fragment).</summary>
    NotHttpUrl,

    /// <summary>Plain http to a host other than loopback: the secret would cross the network in clear text.</summary>
    Insecure,
}

/// <summary>
/// The one check for every URL a mapping or an element definition names as a place credentials go (the OAuth
/// endpoints, an export's endpoint defaults, <c>apiBaseUrl</c>): absolute https, plain http only on loopback, where
/// local test servers run and the request never leaves the machine.
/// </summary>
internal static class EndpointRule
{
    /// <param name="originOnly">
    /// The URL says only where requests may go (<c>apiBaseUrl</c>): user info, a query or a fragment would be sent
    /// along or silently dropped, so they are refused.
    /// </param>
    public static EndpointProblem Check(string value, bool originOnly = false)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            return EndpointProblem.NotHttpUrl;
        }

        if (originOnly && (uri.UserInfo.Length != 0 || uri.Query.Length != 0 || uri.Fragment.Length != 0))
        {
            return EndpointProblem.NotHttpUrl;
        }

        return uri.Scheme != "https" && !uri.IsLoopback ? EndpointProblem.Insecure : EndpointProblem.None;
    }
}
