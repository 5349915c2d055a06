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
        rows.Add(TimestampedRow(letter, context.Quick ? 10 : 50));
        return Task.FromResult<IReadOnlyList<BenchRow>>(rows);
    }

    /// <summary>
    /// PAdES-B-T: sign and get the RFC 3161 token from OpenSSL's own TSA (`openssl ts -reply`, one process a request, no network),
    /// beside B-B in the same run: the difference is the TSA's answer, which a real one gives over the network.
    /// </summary>
    private static BenchRow TimestampedRow(LetterDocument letter, int iterations)
    {
        var signing = Path.Combine(SamplesFolder(), "signing");
        var folder = Directory.CreateTempSubdirectory("arsip-bench-tsa-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "serial"), "01\n");
            File.WriteAllText(Path.Combine(folder, "tsa.cnf"), $"""
                [ tsa ]
                default_tsa = tsa_config
                [ tsa_config ]
                serial = {Path.Combine(folder, "serial")}
                crypto_device = builtin
                signer_cert = {Path.Combine(signing, "demo-tsa.pem")}
                certs = {Path.Combine(signing, "demo-tsa.pem")}
                signer_key = {Path.Combine(signing, "demo-tsa.key")}
                signer_digest = sha256
                default_policy = 1.3.6.1.4.1.99999.1.1
                digests = sha256
                accuracy = secs:1
                ess_cert_id_alg = sha256
                """);
            var trust = new SigningTrust([System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(signing, "demo-ca.pem")))], []);
            var tsa = new TimestampAuthority(new HttpClient(new OpenSslTsaHandler(folder)), new Uri("http://tsa.bench.invalid/"), trust);
            var info = new PdfSignatureInfo("Bench", "Penandatanganan naskah dinas", "Bekasi", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7)));
            var rendered = LetterPdf.Render(letter);
            using var key = Pkcs12Files.Open(File.ReadAllBytes(Path.Combine(signing, "demo-sekda-kota-bekasi.p12")), Passphrase);
            byte[] Sign(bool stamped) => LocalPkcs12Signer.SignWithRoomAsync(rendered, info, (content, ct) =>
            {
                var cms = PadesCms.Sign(content, key.Signer, key.All);
                return stamped ? tsa.StampAsync(cms, ct) : Task.FromResult(cms);
            }, CancellationToken.None).GetAwaiter().GetResult();
            var plainP50 = Measure.Percentile(Measure.Latencies(warmup: 3, iterations, () => Sign(false)), 50);
            var stampedP50 = Measure.Percentile(Measure.Latencies(warmup: 3, iterations, () => Sign(true)), 50);
            return new BenchRow("signing", "sign a 2-page letter PAdES-B-T, RSA-2048, token from a local OpenSSL TSA (a process each)", "p50",
                Measure.Ms(stampedP50), $"B-B in the same run {Measure.Ms(plainP50)}", "", true);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>Answers a time-stamp query with `openssl ts -reply`, in process, instead of over the network.</summary>
    private sealed class OpenSslTsaHandler(string folder) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var id = Guid.NewGuid().ToString("N");
            var (query, reply) = (Path.Combine(folder, $"{id}.tsq"), Path.Combine(folder, $"{id}.tsr"));
            await File.WriteAllBytesAsync(query, await request.Content!.ReadAsByteArrayAsync(ct), ct);
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("openssl",
                ["ts", "-reply", "-queryfile", query, "-config", Path.Combine(folder, "tsa.cnf"), "-out", reply]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException(await errors);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(await File.ReadAllBytesAsync(reply, ct)) };
        }
    }

    private static string SamplesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "signing"))) return Path.Combine(folder.FullName, "samples");
        throw new DirectoryNotFoundException("samples/signing not found above " + AppContext.BaseDirectory);
    }
}
