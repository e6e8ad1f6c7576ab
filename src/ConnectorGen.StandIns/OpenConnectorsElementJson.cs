using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ConnectorGen.StandIns;

/// <summary>
/// The element object embedded in instance responses. Real instances embed their whole element: description, HTML
/// configuration texts, configuration descriptors, resources with parameters, authentication, hub (devportal
/// <c>docs/platform-api/instances/index.md</c> and <c>_elementTemplate</c> examples), tens of KB each. With
/// <c>hydrate=false</c> (churros <c>provisioner.js</c>) only its id, key and name are kept here.
/// </summary>
internal static class OpenConnectorsElementJson
{
    private static readonly string[] Objects = ["contacts", "companies", "opportunities", "tasks", "notes", "users", "campaigns", "products"];
    private static readonly ConcurrentDictionary<long, string> Cache = new();

    public static JsonObject Slim(OpenConnectorsElement element) =>
        new() { ["id"] = element.Id, ["key"] = element.Key, ["name"] = element.Name };

    public static JsonNode Hydrated(OpenConnectorsElement element) =>
        JsonNode.Parse(Cache.GetOrAdd(element.Id, _ => Build(element).ToJsonString()))!;

    private static JsonObject Build(OpenConnectorsElement element)
    {
        var configuration = new JsonArray();
        var index = 0;
        foreach (var key in element.RequiredConfiguration.Concat(element.OptionalConfiguration)
                     .Concat(["event.notification.enabled", "event.notification.callback.url", "event.vendor.type", "event.poller.refresh_interval", "event.poller.configuration", "base.url", "oauth.token.url", "oauth.user.refresh_time"]))
        {
            configuration.Add(new JsonObject
            {
                ["id"] = element.Id * 100 + index++,
                ["name"] = key,
                ["key"] = key,
                ["description"] = "The " + key + " of the " + element.Name + " connector instance. <p>Set it in the instance configuration; see the element's setup page for where the provider shows this value.</p>",
                ["defaultValue"] = "",
                ["resellerConfig"] = false,
                ["companyConfig"] = false,
                ["active"] = true,
                ["internal"] = false,
                ["groupControl"] = false,
                ["displayOrder"] = index,
                ["type"] = "TEXTFIELD_1000",
                ["hideFromConsole"] = key.StartsWith("oauth.user.", StringComparison.Ordinal),
                ["required"] = element.RequiredConfiguration.Contains(key),
            });
        }

        var resources = new JsonArray();
        var resourceId = element.Id * 1000;
        foreach (var name in Objects)
        {
            foreach (var (method, path) in new[] { ("GET", "/hubs/crm/" + name), ("POST", "/hubs/crm/" + name), ("GET", "/hubs/crm/" + name + "/{id}"), ("PATCH", "/hubs/crm/" + name + "/{id}"), ("DELETE", "/hubs/crm/" + name + "/{id}") })
            {
                var parameters = new JsonArray();
                foreach (var (parameter, type) in (path.EndsWith("{id}", StringComparison.Ordinal) ? new[] { ("id", "path"), ("body", "body") } : new[] { ("where", "query"), ("pageSize", "query") }))
                {
                    parameters.Add(new JsonObject
                    {
                        ["id"] = ++resourceId,
                        ["name"] = parameter,
                        ["vendorName"] = parameter,
                        ["type"] = type,
                        ["vendorType"] = type,
                        ["dataType"] = "string",
                        ["vendorDataType"] = "string",
                        ["description"] = "The " + parameter + " of the " + name + " request, passed to the vendor as " + type + ".",
                        ["required"] = parameter == "id",
                        ["source"] = "request",
                        ["converter"] = "toQueryParameters",
                    });
                }

                resources.Add(new JsonObject
                {
                    ["id"] = ++resourceId,
                    ["path"] = path,
                    ["vendorPath"] = "/crm/rest/v1/" + name,
                    ["method"] = method,
                    ["vendorMethod"] = method,
                    ["description"] = method + " " + name + " in " + element.Name + ".",
                    ["parameters"] = parameters,
                    ["type"] = "api",
                    ["hooks"] = new JsonArray(),
                    ["response"] = new JsonObject { ["contentType"] = "application/json" },
                    ["ownerAccountId"] = 1,
                });
            }
        }

        return new JsonObject
        {
            ["id"] = element.Id,
            ["name"] = element.Name,
            ["key"] = element.Key,
            ["description"] = "Add an " + element.Name + " instance to connect your existing account to the CRM hub, allowing you to manage contacts, companies, opportunities and more across multiple CRM services.",
            ["image"] = "elements/provider_" + element.Key + ".png",
            ["active"] = true,
            ["deleted"] = false,
            ["typeOauth"] = true,
            ["trialAccount"] = false,
            ["configDescription"] = "<p>If you do not have an " + element.Name + " account, you can create one at the provider's sign-up page.</p>",
            ["signupURL"] = "https://keap.com/",
            ["authentication"] = new JsonObject { ["type"] = "oauth2" },
            ["extendable"] = true,
            ["beta"] = false,
            ["authenticationType"] = "oauth2",
            ["hub"] = "crm",
            ["protocolType"] = "http",
            ["configuration"] = configuration,
            ["resources"] = resources,
            ["parameters"] = new JsonArray(),
            ["objects"] = new JsonArray(Objects.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
        };
    }
}
