using System.Text;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Emit;

/// <summary>The files of one planned mapping, each from its emitter, as its <see cref="EmitPlan"/> says.</summary>
internal static class MappingEmitter
{
    public static void Emit(SourceProductionContext context, PlannedMapping? mapping)
    {
        if (mapping is null)
        {
            return;
        }

        var (model, plan) = (mapping.Model, mapping.Plan);
        context.AddSource(GeneratedFile.HintName(model, "Credentials"), SourceText.From(CredentialsEmitter.Emit(model, plan), Encoding.UTF8));
        context.AddSource(GeneratedFile.HintName(model, "CredentialsValidator"), SourceText.From(ValidatorEmitter.Emit(model, plan), Encoding.UTF8));
        if (plan.ServiceRegistration)
        {
            context.AddSource(GeneratedFile.HintName(model, "ServiceCollectionExtensions"), SourceText.From(ServiceCollectionEmitter.Emit(model, plan), Encoding.UTF8));
        }

        if (plan.CredentialHandlers)
        {
            context.AddSource(GeneratedFile.HintName(model, "ApiAuthentication"), SourceText.From(AuthenticationEmitter.Emit(model, plan), Encoding.UTF8));
        }

        if (plan.OAuthClients)
        {
            foreach (var (hintName, source) in OAuthEmitter.Emit(model, plan))
            {
                context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
            }
        }
    }
}
