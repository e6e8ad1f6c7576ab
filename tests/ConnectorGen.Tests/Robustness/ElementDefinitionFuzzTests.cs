using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace ConnectorGen.Tests.Robustness;

/// <summary>One configuration entry of a generated element definition.</summary>
internal sealed record EntrySpec(string Key, string? Name, string? Type, bool? Required, bool? Internal, bool? Hidden, string? Default);

/// <summary>A generated element definition, written the way platform exports are (with an optional pasted tail).</summary>
internal sealed record ElementSpec(string? Name, string? Key, string? Auth, EntrySpec[] Entries, string? Tail)
{
    public string ToJson()
    {
        var b = new StringBuilder("{\n  \"id\": 5217,\n");
        if (Name is not null)
        {
            b.Append("  \"name\": ").Append(MappingSpec.Str(Name)).Append(",\n");
        }

        if (Key is not null)
        {
            b.Append("  \"key\": ").Append(MappingSpec.Str(Key)).Append(",\n");
        }

        if (Auth is not null)
        {
            b.Append("  \"authentication\": { \"type\": ").Append(MappingSpec.Str(Auth)).Append(" },\n");
        }

        b.Append("  \"configuration\": [\n");
        for (var i = 0; i < Entries.Length; i++)
        {
            var e = Entries[i];
            b.Append("    { \"id\": ").Append(i).Append(", \"key\": ").Append(MappingSpec.Str(e.Key));
            if (e.Name is not null)
            {
                b.Append(", \"name\": ").Append(MappingSpec.Str(e.Name));
            }

            if (e.Type is not null)
            {
                b.Append(", \"type\": ").Append(MappingSpec.Str(e.Type));
            }

            Flag(b, "required", e.Required);
            Flag(b, "internal", e.Internal);
            Flag(b, "hideFromConsole", e.Hidden);
            if (e.Default is not null)
            {
                b.Append(", \"defaultValue\": ").Append(MappingSpec.Str(e.Default));
            }

            b.Append(", \"active\": true, \"displayOrder\": 1 }").Append(i + 1 < Entries.Length ? ",\n" : "\n");
        }

        b.Append("  ],\n  \"resources\": [],\n  \"hub\": \"crm\"\n}\n");
        return Tail is null ? b.ToString() : b.Append(Tail).ToString();
    }

    private static void Flag(StringBuilder b, string name, bool? value)
    {
        if (value is { } v)
        {
            b.Append(", \"").Append(name).Append("\": ").Append(v ? "true" : "false");
        }
    }
}

/// <summary>
/// The fuzz campaign of <see cref="MappingFuzzTests"/> applied to <c>*.element.json</c> files: generated exports
/// (odd names, reserved and event keys, every entry type, internal and hidden flags, defaults, pasted tails) and
/// mutants of them never make the generator throw or report CS8785, every diagnostic lies inside the file, a missing
/// connector is always explained by a CG1xxx error, and whatever is generated compiles warning-free.
/// </summary>
public sealed class ElementDefinitionFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Paths = ["/project/acme.element.json", "/project/sub dir/ünï.element.json", "C:\\repo\\Elements\\Fuzz.ELEMENT.JSON"];

    private static readonly string[] Names =
        ["Acme Ledger", "Clover", "MyPostGreSQL", "2fa App", "class", "Ключ CRM", "データ", "Système", "a", "!!!", "", "Credentials", "Validate", "Sage One (UK)", "x-y_z"];

    private static readonly string[] Keys =
        ["oauth.api.key", "oauth.api.secret", "oauth.callback.url", "oauth.scope", "oauth.authorization.url", "oauth.token.url", "oauth.user.token",
         "username", "password", "base.url", "event.vendor.type", "event.notification.enabled", "bulk.relations", "pagination.max", "authentication.time",
         "authentication.type", "filter.response.nulls", "acme.sandbox", "merchantId", "consumer_secret", "user.password", "acme.private.key", "a b", "",
         "x\"y", "db.host", "Validate", "class", "1abc", "ü.key"];

    private static readonly string[] Labels =
        ["API Key", "API Secret", "Callback URL", "Parameters", "ToString", "Token", "Token", "class", "2nd value", "Ключ", "", "   ", "Sandbox", "Merchant Id", "Base URL"];

    private static readonly string[] Types =
        ["TEXTFIELD_32", "TEXTFIELD_64", "TEXTFIELD_128", "TEXTFIELD_1000", "TEXTFIELD_0", "TEXTFIELD_X", "TEXTAREA", "PASSWORD", "BOOLEAN", "CODE_EDITOR", "SELECTION", ""];

    private static readonly string[] Defaults =
        ["", "false", "true", "100", "https://id.acme.example/oauth/token", "http://id.acme.example/token", "http://localhost:5000/token", "https://{site}/token",
         "read write", "a,b", "not a url", "jdbc:postgresql://{db.host}/{db.name}"];

    private static readonly string[] Tails = ["Swagger:\n{\"swagger\":\"2.0\"}", "}", "\u0000garbage", "[1,2,", "// trailing comment"];

    private static readonly Gen<EntrySpec> Entry =
        Gen.Select(
            Gen.OneOf(Keys),
            Gen.Int[-1, Labels.Length - 1].Select(i => i < 0 ? null : Labels[i]),
            Gen.Int[-1, Types.Length - 1].Select(i => i < 0 ? null : Types[i]),
            Gen.Int[0, 2].Select(i => i == 0 ? (bool?)null : i == 1),
            Gen.Int[0, 3].Select(i => i == 0 ? (bool?)null : i == 1),
            Gen.Int[0, 3].Select(i => i == 0 ? (bool?)null : i == 1),
            Gen.Int[-3, Defaults.Length - 1].Select(i => i < 0 ? null : Defaults[i]),
            (key, name, type, required, @internal, hidden, @default) => new EntrySpec(key, name, type, required, @internal, hidden, @default));

    private static readonly Gen<ElementSpec> Element =
        Gen.Select(
            Gen.Int[-1, Names.Length - 1].Select(i => i < 0 ? null : Names[i]),
            Gen.OneOf<string?>(null, "acme", "clover", "my-element_2", "", "a b"),
            Gen.OneOf<string?>(null, "oauth2", "oauth2", "basic", "custom", "oauth1", "apiKey", "awsv4"),
            Entry.Array[0, 16],
            Gen.Int[-3, Tails.Length - 1].Select(i => i < 0 ? null : Tails[i]),
            (name, key, auth, entries, tail) => new ElementSpec(name, key, auth, entries, tail));

    private static readonly Gen<(ElementSpec Spec, MappingGenerators.Mutation[] Mutations, int ByteEdits, int Seed)> Mutant =
        Gen.Select(Element, MappingGenerators.MutationGen.Array[0, 3], Gen.Int[-6, 3], Gen.Int[0, int.MaxValue],
            (spec, mutations, bytes, seed) => (spec, mutations, Math.Max(bytes, 0), seed));

    private static (string Path, SourceText Text) Build((ElementSpec Spec, MappingGenerators.Mutation[] Mutations, int ByteEdits, int Seed) mutant)
    {
        var text = mutant.Spec.ToJson();
        foreach (var mutation in mutant.Mutations)
        {
            text = MappingGenerators.Apply(text, mutation);
        }

        var path = Paths[(int)((uint)mutant.Seed % Paths.Length)];
        if (mutant.ByteEdits == 0)
        {
            return (path, SourceText.From(text, Encoding.UTF8));
        }

        var bytes = MappingGenerators.DamageBytes(text, mutant.ByteEdits, mutant.Seed);
        return (path, SourceText.From(bytes, bytes.Length, encoding: null, throwIfBinaryDetected: false));
    }

    private static string Describe((ElementSpec Spec, MappingGenerators.Mutation[] Mutations, int ByteEdits, int Seed) mutant) =>
        "mutations " + string.Join(", ", mutant.Mutations.Select(m => m.ToString())) + "; byte edits " + mutant.ByteEdits + " seed " + mutant.Seed + "\n" + Build(mutant).Text;

    [Fact]
    public void Generated_and_mutated_element_definitions_never_throw_and_report_inside_the_file()
    {
        var iterations = MappingFuzzTests.Iterations;
        var started = DateTime.UtcNow;
        var imported = 0;
        Mutant.Sample(
            mutant =>
            {
                var (path, text) = Build(mutant);
                if (MappingFuzzTests.CheckParse(path, text))
                {
                    Interlocked.Increment(ref imported);
                }
            },
            iter: iterations,
            print: Describe);
        output.WriteLine($"{iterations} element definitions through MappingParser.Parse in {(DateTime.UtcNow - started).TotalSeconds:F1} s; {imported} imported without errors");
    }

    [Fact]
    public void Element_definitions_through_the_real_driver_compile_whatever_is_generated()
    {
        var iterations = Math.Max(50, MappingFuzzTests.Iterations / 20);
        var started = DateTime.UtcNow;
        Mutant.Sample(
            mutant =>
            {
                var (path, text) = Build(mutant);
                MappingFuzzTests.CheckDriver(path, text);
            },
            iter: iterations,
            print: Describe);
        output.WriteLine($"{iterations} element definitions through the generator driver in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }
}
