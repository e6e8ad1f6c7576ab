namespace BuildScale;

/// <summary>Touches the first connector's generated client so that the build compiles a use of it.</summary>
internal static class Use
{
    public static object Client(System.Net.Http.HttpClient http) =>
        new BuildScale.Connectors.Crm01OAuthClient(http, new BuildScale.Connectors.Crm01Credentials());
}
