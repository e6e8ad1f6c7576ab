using System.Collections.Generic;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits what is written once per compilation: every folder of <see cref="TemplateFolders.Shared"/> whose part the
/// <see cref="SharedEmitPlan"/> has, each template as it is, under <c>&lt;namespace&gt;.&lt;hint stem&gt;.g.cs</c>
/// (<c>ConnectorGen.CredentialValues.g.cs</c>, <c>ConnectorGen.Generated.Lifecycle.TokenStore.g.cs</c>,
/// <c>ConnectorGen.Generated.Registration.Logging.HandshakeLogging.g.cs</c>).
/// </summary>
internal static class SharedEmitter
{
    /// <summary>(hint name, source) for every shared file the plan asks for.</summary>
    public static IEnumerable<(string HintName, string Source)> Emit(SharedEmitPlan plan)
    {
        foreach (var folder in TemplateFolders.Shared)
        {
            if (!plan.Has(folder.Part))
            {
                continue;
            }

            var @namespace = TemplateFolders.NamespaceOf(folder.Path);
            foreach (var template in TemplateReader.In(folder.Path))
            {
                yield return (GeneratedFile.CompilationHintName(@namespace, template.HintStem), template.Text);
            }
        }
    }
}
