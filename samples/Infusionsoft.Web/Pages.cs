using System.Globalization;
using System.Text.Encodings.Web;
using ConnectorGen.Generated;
using Contoso.Connectors;

namespace Contoso.InfusionsoftWeb;

/// <summary>The sample's HTML pages. Every dynamic value is HTML-encoded; no page ever shows a token, code, state or secret.</summary>
internal static class Pages
{
    public static IResult Home(bool demoMode, string openConnectorsHost) => Page(
        "Infusionsoft via Open Connectors",
        $"""
        <p>Connect an Infusionsoft (Keap) account: you consent at Keap, then Open Connectors creates an
        <code>{E(InfusionsoftCredentials.ElementKey)}</code> instance that owns the grant.</p>
        <p>{(demoMode
            ? "Demo mode: Keap and Open Connectors are loopback stand-ins started with this app; no account is needed."
            : "Open Connectors: " + E(openConnectorsHost))}</p>
        <p><a id="connect" href="/connect">Connect Infusionsoft</a></p>
        """);

    public static IResult Connected(OpenConnectorsInstance instance) => Page(
        "Infusionsoft connected",
        $"""
        <p>Open Connectors created the instance.</p>
        <dl>
          <dt>Instance id</dt><dd id="instance-id">{instance.Id.ToString(CultureInfo.InvariantCulture)}</dd>
          <dt>Name</dt><dd id="instance-name">{E(instance.Name)}</dd>
          <dt>Element</dt><dd id="element-key">{E(instance.ElementKey)}</dd>
          <dt>Instance token</dt><dd id="token-status">{(string.IsNullOrEmpty(instance.Token) ? "not received" : "received and kept on the server (not shown)")}</dd>
        </dl>
        <p><a href="/">Back</a></p>
        """);

    public static IResult AccessDenied() => Page(
        "Access was not granted",
        """
        <p id="access-denied">You declined access at Infusionsoft, so no connection was made. Nothing was stored.</p>
        <p><a href="/connect">Try again</a> or <a href="/">go back</a>.</p>
        """,
        StatusCodes.Status403Forbidden);

    public static IResult StateMismatch() => Page(
        "Connection refused",
        """
        <p id="state-mismatch">This response could not be matched to the connection you started (it may be forged or from
        another window), so it was refused.</p>
        <p><a href="/connect">Start again</a></p>
        """,
        StatusCodes.Status400BadRequest);

    public static IResult TooManyPending() => Page(
        "Too many connections in progress",
        """
        <p id="too-many-pending">Too many connections are being started right now. Try again in a minute.</p>
        """,
        StatusCodes.Status503ServiceUnavailable);

    public static IResult NoPendingRequest() => Page(
        "No connection in progress",
        """
        <p id="no-pending">No connection was in progress in this browser (it expired, was already completed, or was not
        started here).</p>
        <p><a href="/connect">Start again</a></p>
        """,
        StatusCodes.Status400BadRequest);

    public static IResult AuthorizationFailed(string kind) => Page(
        "Authorization failed",
        $"""
        <p id="authorization-failed">Infusionsoft did not authorize the connection ({E(kind)}).</p>
        <p><a href="/connect">Start again</a></p>
        """,
        StatusCodes.Status400BadRequest);

    public static IResult InstanceFailed(string kind, string? requestId) => Page(
        "Open Connectors could not create the instance",
        $"""
        <p id="instance-failed">Open Connectors refused or failed to create the instance ({E(kind)}{(string.IsNullOrEmpty(requestId) ? string.Empty : ", request id " + E(requestId))}).
        The authorization code is single-use: start a new connection.</p>
        <p><a href="/connect">Start again</a></p>
        """,
        StatusCodes.Status502BadGateway);

    private static string E(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    private static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{E(title)}</title></head>
        <body>
        <h1>{E(title)}</h1>
        {body}
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        System.Text.Encoding.UTF8,
        statusCode);
}
