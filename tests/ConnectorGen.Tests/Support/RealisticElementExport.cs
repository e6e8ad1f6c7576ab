using System.Globalization;
using System.Text;

namespace ConnectorGen.Tests.Support;

/// <summary>
/// An element export at the size the platform writes them (docs/elements.md 1.1): the resources with their parameters
/// and models embedded. Shared by the tests and the parse-time benchmark (linked into benchmarks/).
/// </summary>
internal static class RealisticElementExport
{
    /// <summary>
    /// <paramref name="export"/> (an export with <c>"resources": []</c>) with <paramref name="resources"/> resources shaped like a platform export's (path, vendor
    /// path, method, parameters, a model with a swagger schema; escapes, numbers, booleans and nulls), each about 34 KB.
    /// </summary>
    public static string Build(string export, int resources)
    {
        var builder = new StringBuilder(resources * 35_000);
        builder.Append('[');
        for (var i = 0; i < resources; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            builder.Append(i == 0 ? "\n" : ",\n")
                .Append("    { \"id\": ").Append(n).Append(", \"path\": \"/hubs/ecommerce/orders/{id}/lines").Append(n)
                .Append("\", \"vendorPath\": \"/v2/orders/{id}/lines\", \"method\": \"GET\", \"type\": \"api\", \"ownerAccountId\": 1, \"hooks\": [], ")
                .Append("\"description\": \"Retrieve the lines of an order. Line \\\"").Append(n).Append("\\\"\\nPaged by \\u0027nextPage\\u0027; caf\\u00e9 \\ud83d\\ude00.\", ")
                .Append("\"parameters\": [");
            for (var p = 0; p < 40; p++)
            {
                var pn = p.ToString(CultureInfo.InvariantCulture);
                builder.Append(p == 0 ? string.Empty : ", ")
                    .Append("{ \"id\": ").Append(pn).Append(", \"name\": \"param").Append(pn).Append("\", \"vendorName\": \"param_").Append(pn)
                    .Append("\", \"type\": \"query\", \"vendorType\": \"query\", \"source\": \"request\", \"required\": false, \"dataType\": \"string\", \"converter\": null, \"description\": \"A filter with a long description that explains what the parameter does and what values it takes.\" }");
            }

            builder.Append("], \"model\": { \"name\": \"orderLine").Append(n).Append("\", \"transform\": false, \"swagger\": { \"orderLine\": { \"properties\": {");
            for (var f = 0; f < 120; f++)
            {
                var fn = f.ToString(CultureInfo.InvariantCulture);
                builder.Append(f == 0 ? string.Empty : ", ")
                    .Append("\"field").Append(fn).Append("\": { \"type\": \"number\", \"format\": \"double\", \"x-samplevalue\": ").Append(fn).Append(".5e-3, \"readOnly\": true, \"description\": \"Amount in the order's currency, rounded as the provider rounds it.\" }");
            }

            builder.Append("} } } } }");
        }

        builder.Append("\n  ]");
        const string Empty = "\"resources\": []";
        if (!export.Contains(Empty, StringComparison.Ordinal))
        {
            throw new ArgumentException("The export has no empty resources array to fill.", nameof(export));
        }
        return export.Replace(Empty, "\"resources\": " + builder, StringComparison.Ordinal);
    }
}
