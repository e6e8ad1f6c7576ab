using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ConnectorGen.StandIns;

/// <summary>Response and request helpers shared by the Open Connectors stand-in's endpoints.</summary>
internal static class StandInHttp
{
    public static bool TryGetString(JsonObject node, string name, out string value)
    {
        value = "";
        if (node[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
        {
            value = s;
            return true;
        }

        return false;
    }

    public static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual),
            System.Text.Encoding.UTF8.GetBytes(expected));

    /// <summary>Reads a JSON object body, answering 415/400 itself when the request is not one.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) ||
            !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteError(context, 415, "Content type '" + (context.Request.ContentType ?? "") + "' is not supported; use application/json.");
            return null;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await WriteError(context, 400, "The request body is not valid JSON.");
            return null;
        }

        if (body is not JsonObject root)
        {
            await WriteError(context, 400, "The request body must be a JSON object.");
            return null;
        }

        return root;
    }

    /// <summary>
    /// Reads <c>configuration</c>: strings, booleans (<c>"document.tagging": false</c>, devportal instances/index.md),
    /// objects (<c>event.poller.configuration</c>, devportal event-management) and null, as the platform accepts them;
    /// null after answering 400 for anything else (an array).
    /// </summary>
    public static async Task<Dictionary<string, JsonNode?>?> ReadConfigurationAsync(HttpContext context, JsonObject node)
    {
        var map = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            if (value is JsonArray || (value is JsonValue scalar && scalar.GetValueKind() is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)))
            {
                await WriteError(context, 400, "Configuration entry '" + key + "' must be a string, a boolean, an object or null.");
                return null;
            }

            map[key] = value?.DeepClone();
        }

        return map;
    }

    /// <summary>Reads <c>tags</c>; null after answering 400 when it is not an array of strings.</summary>
    public static async Task<List<string>?> ReadTagsAsync(HttpContext context, JsonNode node)
    {
        if (node is not JsonArray array || array.Any(t => t is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            await WriteError(context, 400, "'tags' must be an array of strings.");
            return null;
        }

        return array.Select(t => t!.GetValue<string>()).ToList();
    }

    public static Task WriteError(HttpContext context, int status, string message, string? providerMessage = null)
    {
        var error = new JsonObject { ["requestId"] = Guid.NewGuid().ToString("N"), ["message"] = message };
        if (providerMessage is not null)
        {
            error["providerMessage"] = providerMessage;
        }

        return WriteJson(context, status, error);
    }

    public static Task WriteJson(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
