using System.Collections.Immutable;

namespace ConnectorGen.Model;

/// <summary>
/// What is emitted once per compilation rather than per mapping, decided once in the pipeline from every mapping's
/// <see cref="EmitPlan.Shared"/> and the <see cref="CompilationFacts"/> (the emitters do not re-decide). Only a change of
/// these flags re-emits the shared files.
/// </summary>
internal sealed record SharedEmitPlan(SharedParts Parts)
{
    public bool Has(SharedParts part) => (Parts & part) == part;

    public static SharedEmitPlan For(ImmutableArray<EmitPlan?> plans, CompilationFacts facts)
    {
        var parts = SharedParts.None;
        foreach (var plan in plans)
        {
            parts |= plan?.Shared ?? SharedParts.None;
        }

        // The core goes where some mapping needs it, unless a referenced assembly already gives this one its core
        // through InternalsVisibleTo (its optional stores then come from there too). The credential helpers and the
        // registration parts are [Embedded]: every compilation that needs them has its own (what the registration calls
        // depends on this compilation's references).
        if (facts.HasReferencedCore)
        {
            parts &= ~SharedParts.HandshakeCore;
        }

        if ((parts & SharedParts.HandshakeCore) != 0)
        {
            parts |= (facts.HasDistributedCache ? SharedParts.DistributedCache : SharedParts.None)
                | (facts.HasRedis ? SharedParts.Redis : SharedParts.None);
        }

        return new SharedEmitPlan(parts);
    }
}
