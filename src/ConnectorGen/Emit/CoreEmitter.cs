using System.Collections.Generic;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits the handshake core (<see cref="TemplateResolver.Core"/>, namespace <see cref="TemplateResolver.CoreNamespace"/>)
/// once per compilation, when at least one oauth2 mapping gets clients and no referenced assembly already gives this one
/// its core through InternalsVisibleTo.
/// </summary>
internal static class CoreEmitter
{
    /// <summary>(hint name, source) for every file of the core.</summary>
    public static IEnumerable<(string HintName, string Source)> Emit()
    {
        foreach (var template in TemplateResolver.Core)
        {
            yield return (GeneratedFile.CompilationHintName(TemplateResolver.CoreNamespace, template.Name), template.Text);
        }
    }
}
