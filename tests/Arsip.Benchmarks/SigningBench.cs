using Arsip.Pdf;
using Arsip.Pdf.Signing;
using Arsip.Signing;

namespace Arsip.Bench;

/// <summary>
/// Certified signatures (issue 18): a two-page letter signed PAdES-B-B with the DEMO RSA-2048 and ECDSA P-256 certificates,
/// beside the unsigned render of the same letter in the same run.
/// </summary>
public sealed class SigningBench : IBench
{
    private const double SignTargetMs = 50;
    private const string Passphrase = "demo-tte-2026";

    public string Name => "signing";

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var letter = PdfBench.TwoPageLetter();
        var iterations = context.Quick ? 40 : 200;
        var renderP50 = Measure.Percentile(Measure.Latencies(warmup: 20, iterations, () => LetterPdf.Render(letter)), 50);
        var rows = new List<BenchRow>();
        foreach (var (file, algorithm) in new[] { ("demo-sekda-kota-bekasi", "RSA-2048"), ("demo-walikota-kota-bekasi", "ECDSA P-256") })
        {
            var pkcs12 = File.ReadAllBytes(Path.Combine(SamplesFolder(), "signing", $"{file}.p12"));
            var info = new PdfSignatureInfo("Bench", "Penandatanganan naskah dinas", "Bekasi", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7)));
            byte[] Sign(byte[] pdf, Pkcs12Files.Opened key)
            {
                var prepared = PdfSignatures.Prepare(pdf, info);
                return prepared.Complete(PadesCms.Sign(prepared.SignedContent(), key.Signer, key.All));
            }
            var rendered = LetterPdf.Render(letter);
            using (var key = Pkcs12Files.Open(pkcs12, Passphrase))
            {
                var signP50 = Measure.Percentile(Measure.Latencies(warmup: 20, iterations, () => Sign(rendered, key)), 50);
                rows.Add(new BenchRow("signing", $"sign a 2-page letter, {algorithm}, warm (PDF rendered, key open)", "p50", Measure.Ms(signP50),
                    $"unsigned render {Measure.Ms(renderP50)}", $"< {SignTargetMs} ms", signP50 < SignTargetMs));
                var bothP50 = Measure.Percentile(Measure.Latencies(warmup: 10, iterations, () => Sign(LetterPdf.Render(letter), key)), 50);
                rows.Add(new BenchRow("signing", $"render + sign, {algorithm}, warm", "p50", Measure.Ms(bothP50),
                    $"unsigned render {Measure.Ms(renderP50)}", $"< {SignTargetMs} ms", bothP50 < SignTargetMs));
            }
            // What one signing in Arsip does: open the PKCS#12 with the typed passphrase (PBKDF2), then render and sign.
            var fullP50 = Measure.Percentile(Measure.Latencies(warmup: 5, context.Quick ? 20 : 100, () =>
            {
                using var key = Pkcs12Files.Open(pkcs12, Passphrase);
                Sign(LetterPdf.Render(letter), key);
            }), 50);
            rows.Add(new BenchRow("signing", $"open PKCS#12 + render + sign, {algorithm}", "p50", Measure.Ms(fullP50),
                $"unsigned render {Measure.Ms(renderP50)}", $"< {SignTargetMs} ms", fullP50 < SignTargetMs));
        }
        return Task.FromResult<IReadOnlyList<BenchRow>>(rows);
    }

    private static string SamplesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "signing"))) return Path.Combine(folder.FullName, "samples");
        throw new DirectoryNotFoundException("samples/signing not found above " + AppContext.BaseDirectory);
    }
}
