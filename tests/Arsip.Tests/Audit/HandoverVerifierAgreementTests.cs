using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Arsip.Infrastructure;

namespace Arsip.Tests.Audit;

/// <summary>ops/verify-handover re-implements HashChain.Canonical in python: it must write the very same bytes, every character included.</summary>
public class HandoverVerifierAgreementTests
{
    private static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ops", "verify-handover"))) return Path.Combine(dir.FullName, "ops", "verify-handover");
            throw new InvalidOperationException("ops/verify-handover not found");
        }
    }

    private static string Python(string json)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("--canonical");
        using var process = Process.Start(info)!;
        process.StandardInput.Write(json);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output;
    }

    [Theory]
    [InlineData("""{"z":{"y":[3,2,{"β":"é","a":true}],"x":1.50,"w":-0.0001,"v":1e5},"Subject":"Surat \"kutip\" <b> & \u0001 😀 naïve — Ⅲ","n":null}""")]
    [InlineData("""{"Ä":1,"Z":2,"a":3,"":4,"\uE000":5,"😀":6,"\uFB01":7}""")]
    [InlineData("""{"Sender":"Badan Riset “Ñusantara” — Ⅲ 😀","Tab":"a\tb\r\n\f\b","Soft":"ber\u00ADkas\u00A0\u200B\uFEFF\u2028"}""")]
    [InlineData("""[{"b":2,"a":1},[],{},-0,0.1e-7,12345678901234567890]""")]
    public void The_script_writes_the_same_canonical_JSON(string json) =>
        Python(json).ShouldBe(HashChain.Canonical(json));

    [Fact]
    public void Every_character_of_the_basic_plane_is_written_the_same()
    {
        // each BMP code point (surrogates alone are not text) as a value and as a key
        var values = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => ((char)c).ToString()).ToList();
        var json = JsonSerializer.Serialize(values.Select((v, i) => new Dictionary<string, string> { [v] = v + i }).ToList());
        var expected = HashChain.Canonical(json);
        var actual = Python(json);
        if (actual == expected) return;
        // name every differing code point, so a Unicode version gap between python's unicodedata and .NET is visible ("},{" is only ever between elements)
        var (ours, theirs) = (expected.Split("},{"), actual.Split("},{"));
        theirs.Length.ShouldBe(ours.Length);
        var differing = ours.Zip(theirs, (o, t) => o == t).Select((same, i) => (same, i)).Where(p => !p.same).Select(p => $"{(int)values[p.i][0]:X4}").ToList();
        string.Join(" ", differing).ShouldBeEmpty();
    }
}
