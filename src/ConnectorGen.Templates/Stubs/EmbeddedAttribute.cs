namespace Microsoft.CodeAnalysis
{
    /// <summary>Stands for the attribute the generator emits once per compilation (Emit/AttributesEmitter.cs).</summary>
    internal sealed partial class EmbeddedAttribute : global::System.Attribute
    {
    }
}
