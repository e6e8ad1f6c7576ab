using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests.Robustness;

/// <summary>Minimal inputs of bugs the mapping fuzz tests found, kept so that they stay fixed.</summary>
public sealed class FuzzRegressionTests
{
    /// <summary>
    /// Found by MappingFuzzTests: a description holding a line terminator other than LF (CR, NEL U+0085, LS U+2028,
    /// PS U+2029) ended the generated <c>///</c> comment, and the rest of the text was compiled as code (CS1519).
    /// </summary>
    [Theory]
    [InlineData("a\\rb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    public void Descriptions_with_any_line_terminator_stay_inside_the_doc_comment(string description)
    {
        var json = "{\"connector\":\"A\",\"elementKey\":\"a\",\"description\":\"" + description + "\",\"credentials\":[{\"name\":\"N\",\"source\":\"s\",\"parameter\":\"p\",\"description\":\"" + description + "\"}]}";
        MappingFuzzTests.CheckDriver("/project/a.connector.json", SourceText.From(json, Encoding.UTF8));
    }
}
