using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// Issue 20 item 3: the other files .NET projects leak secrets in (app.config/web.config, publish profiles, .http/.rest,
/// .env, docker-compose), judged by the same classifier as C# and JSON, reported at the value's exact line and column.
/// Values are random, never issued; each file has clean twins next to the secrets.
/// </summary>
public class ConfigurationFileKindsTests
{
    /// <summary>CG2004 at the <paramref name="occurrence"/>-th place where <paramref name="value"/> is written in <paramref name="text"/>.</summary>
    private static DiagnosticResult At(string path, string text, string value, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(value, index + 1, StringComparison.Ordinal);
        }

        Assert.True(index >= 0, value + " is not in the file");
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = index - lineStart + 1;
        return new DiagnosticResult("CG2004", DiagnosticSeverity.Warning).WithSpan(path, line, column, line, column + value.Length);
    }

    private static Task Run(string path, string text, params DiagnosticResult[] expected)
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add((path, text));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task AppConfigAppSettingsAndConnectionStrings()
    {
        const string Text = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <appSettings>
                <add key="Infusionsoft:ClientSecret" value="q7Vb2kLp9Xz" />
                <add key="SmtpPassword" value='Hx7!qL2#vR9z' />
                <add key="TokenCacheFormat" value="tok:{0}:{1}" />
                <add key="ApiKeyScript" value="rotate-key.ps1" />
                <add key="ClientSecret" value="" />
                <add key="ServiceUrl" value="https://api.contoso.com" />
              </appSettings>
              <connectionStrings>
                <add name="Db" connectionString="Server=db;Database=app;User Id=app;Password=k93jfu2Lq;" providerName="System.Data.SqlClient" />
                <add name="Local" connectionString="Server=(localdb)\mssqllocaldb;Integrated Security=true" />
              </connectionStrings>
            </configuration>
            """;
        return Run("/0/app.config", Text,
            At("/0/app.config", Text, "q7Vb2kLp9Xz").WithArguments("'Infusionsoft:ClientSecret'", "secret credential of connector 'Infusionsoft'"),
            At("/0/app.config", Text, "Hx7!qL2#vR9z").WithArguments("'SmtpPassword'", "its name says 'password'"),
            At("/0/app.config", Text, "Server=db;Database=app;User Id=app;Password=k93jfu2Lq;").WithArguments("'ConnectionStrings:Db'", "connection string with a password"));
    }

    [Fact]
    public Task WebConfigTransform()
    {
        const string Text = """
            <configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
              <appSettings>
                <add key="StorageAccountKey" value="Zm9vYmFyYmF6Vq3kT9zL" xdt:Transform="SetAttributes" xdt:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """;
        return Run("/0/Web.Release.config", Text, At("/0/Web.Release.config", Text, "Zm9vYmFyYmF6Vq3kT9zL"));
    }

    [Fact]
    public Task PublishProfilePassword()
    {
        const string Text = """
            <Project>
              <PropertyGroup>
                <WebPublishMethod>MSDeploy</WebPublishMethod>
                <UserName>$harbor-web</UserName>
                <Password>Rq83kdP0qq1vLm2</Password>
                <_SavePWD>true</_SavePWD>
                <DeployPassword>$(DEPLOY_PASSWORD)</DeployPassword>
              </PropertyGroup>
            </Project>
            """;
        return Run("/0/Properties/PublishProfiles/harbor - Web Deploy.pubxml", Text,
            At("/0/Properties/PublishProfiles/harbor - Web Deploy.pubxml", Text, "Rq83kdP0qq1vLm2").WithArguments("'Password'", "its name says 'password'"));
    }

    [Fact]
    public Task HttpFileVariablesAndHeaders()
    {
        const string Text = """
            @host = https://localhost:5001
            @token = k93jfu2Lq7Vb
            @apiKey = Zr83kdP0qq1
            @reportFormat = report-{0}.csv

            GET {{host}}/orders
            Authorization: Bearer {{token}}

            ###
            POST {{host}}/import
            Authorization: Basic aGFyYm9yOms5M2pmdTJMcQ==
            X-Api-Key: {{apiKey}}
            Content-Type: application/json

            ###
            GET {{host}}/health
            Authorization: Bearer {{$dotenv HARBOR_TOKEN}}
            """;
        return Run("/0/orders.http", Text,
            At("/0/orders.http", Text, "k93jfu2Lq7Vb").WithArguments("'Authorization'", "Authorization header with a credential"),
            At("/0/orders.http", Text, "Zr83kdP0qq1").WithArguments("'apiKey'", "its name says 'api key'"),
            At("/0/orders.http", Text, "Basic aGFyYm9yOms5M2pmdTJMcQ==").WithArguments("'Authorization'", "Authorization header with a credential"));
    }

    [Fact]
    public Task RestFileLiteralBearer()
    {
        const string Text = """
            GET https://api.contoso.com/v1/me HTTP/1.1
            Authorization: Bearer Vq3kT9zLm2Xp8RwC
            """;
        return Run("/0/me.rest", Text, At("/0/me.rest", Text, "Bearer Vq3kT9zLm2Xp8RwC"));
    }

    [Fact]
    public Task DotEnvFile()
    {
        const string Text = """
            # local settings
            INFUSIONSOFT_CLIENT_SECRET=q7Vb2kLp9Xz
            INFUSIONSOFT_CLIENT_ID=q7Vb2kLp9Xz
            export DB_PASSWORD="Hx7!qL2#vR9z"
            API_TOKEN=${API_TOKEN}
            SESSION_TOKEN_FORMAT=sess-{0}
            STRIPE_KEY=sk_live_1SkHbn88HxjSI6bWHtP3fS2q # test account
            ASPNETCORE_ENVIRONMENT=Development
            """;
        return Run("/0/.env", Text,
            At("/0/.env", Text, "q7Vb2kLp9Xz").WithArguments("'INFUSIONSOFT_CLIENT_SECRET'", "secret variable of connector 'Infusionsoft'"),
            At("/0/.env", Text, "Hx7!qL2#vR9z").WithArguments("'DB_PASSWORD'", "its name says 'password'"),
            At("/0/.env", Text, "sk_live_1SkHbn88HxjSI6bWHtP3fS2q"));
    }

    [Fact]
    public Task DockerComposeEnvironmentListAndMap()
    {
        const string Text = """
            services:
              api:
                image: harbor/api:2.1
                environment:
                  - ASPNETCORE_ENVIRONMENT=Development
                  - Infusionsoft__ClientSecret=q7Vb2kLp9Xz
                  - "ConnectionStrings__Db=Server=db;Password=k93jfu2Lq"
                  - JWT_SECRET=${JWT_SECRET}
                ports:
                  - "8080:80"
              db:
                image: postgres:16
                environment:
                  POSTGRES_USER: harbor
                  POSTGRES_PASSWORD: "Hx7!qL2#vR9z"
                  PGDATA: /var/lib/postgresql/data
                command: ["--password", "notread"]
            """;
        return Run("/0/docker-compose.override.yml", Text,
            At("/0/docker-compose.override.yml", Text, "q7Vb2kLp9Xz").WithArguments("'Infusionsoft__ClientSecret'", "secret variable of connector 'Infusionsoft'"),
            At("/0/docker-compose.override.yml", Text, "Server=db;Password=k93jfu2Lq").WithArguments("'ConnectionStrings__Db'", "connection string with a password"),
            At("/0/docker-compose.override.yml", Text, "Hx7!qL2#vR9z").WithArguments("'POSTGRES_PASSWORD'", "its name says 'password'"));
    }

    [Fact]
    public Task OtherYamlAndXmlFilesAreNotRead() => Run("/0/config.yml", "environment:\n  - DB_PASSWORD=Hx7!qL2#vR9z\n");
}
