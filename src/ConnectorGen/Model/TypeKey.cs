using ConnectorGen.Diagnostics;
using ConnectorGen.Mapping;

namespace ConnectorGen.Model;

/// <summary>
/// A mapping as the project-wide checks see it: the type it makes, its file and <c>connector</c> location, whether it
/// wants the OAuth clients, and its identity (connector name and element key).
/// </summary>
internal sealed record TypeKey(string TypeName, string FilePath, LocationInfo Location, bool OAuthClients, string Connector, string ElementKey)
{
    public static TypeKey? Of(ParseResult result) =>
        result.Model is not { } model
            ? null
            : new TypeKey(model.FullTypeName, model.FilePath, result.ConnectorLocation, model.WantsOAuthClients, model.Connector, model.ElementKey);
}

/// <summary>A mapping whose connector a referenced assembly already defines (CG1043): the mapping's type, the type found, its assembly.</summary>
internal sealed record ReferencedType(string MappingTypeName, string FoundTypeName, string Assembly);
