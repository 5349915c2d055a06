using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.IntegrationTests.Hosting;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Npgsql;
using Files = Arsip.IntegrationTests.Attachments.Samples;

namespace Arsip.IntegrationTests.Exchange;

/// <summary>#20: two installations, each a real server process with its own database and data folder, on loopback. A (the demo
/// agencies) sends to kab-garut, which only B hosts; each knows the other from its operator's directory.</summary>
public class InstallationsTests
{
    internal const string Sender = "kota-bekasi", Receiver = "kab-garut";

    internal sealed class Installations : IAsyncDisposable
    {
        public required string DatabaseA, DatabaseB, UrlA, UrlB, FolderA, FolderB, KeyA, KeyB;
        public required ECDsa PrivateA;
        public required string PublicB;

        public string[] ArgumentsA => ["--urls", UrlA, $"--ConnectionStrings:Arsip={DatabaseA}", $"--Arsip:DataDirectory={FolderA}", $"--Arsip:Exchange:KeyFile={KeyA}",
            "--Arsip:Exchange:Backoff:0=00:00:01", "--Arsip:Exchange:Backoff:1=00:00:02"];
        public string[] ArgumentsB(params string[] more) => ["--urls", UrlB, $"--ConnectionStrings:Arsip={DatabaseB}", $"--Arsip:DataDirectory={FolderB}", $"--Arsip:Exchange:KeyFile={KeyB}", .. more];
        public static Dictionary<string, string> Environment => new() { ["Arsip__Durability__StaleNodeTimeout"] = "00:00:05", ["Arsip__Durability__HealthCheckPollingTime"] = "00:00:02" };

        public ValueTask DisposeAsync()
        {
            foreach (var path in new[] { FolderA, FolderB }) if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            foreach (var path in new[] { KeyA, KeyB }) File.Delete(path);
            PrivateA.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A gets the demo agencies, B a fresh database where its operator creates kab-garut; each operator enters the other.</summary>
    internal static async Task<Installations> SetUpAsync(Func<ArsipApp, Task>? prepareB = null)
    {
        var keys = new[] { ECDsa.Create(ECCurve.NamedCurves.nistP256), ECDsa.Create(ECCurve.NamedCurves.nistP256) };
        var keyFiles = new[] { Path.Combine(Path.GetTempPath(), $"arsip-exchange-a-{Guid.NewGuid():N}.pem"), Path.Combine(Path.GetTempPath(), $"arsip-exchange-b-{Guid.NewGuid():N}.pem") };
        for (var i = 0; i < 2; i++) await File.WriteAllTextAsync(keyFiles[i], keys[i].ExportPkcs8PrivateKeyPem());
        var urls = new[] { $"http://127.0.0.1:{ServerProcess.FreePort()}", $"http://127.0.0.1:{ServerProcess.FreePort()}" };

        var a = new KeptDataApp();
        await a.InitializeAsync();
        await a.ResetAsync();
        var b = new KeptDataApp();
        await b.InitializeAsync();
        try
        {
            using var operatorB = await OperatorAsync(b);
            (await operatorB.PostAsJsonAsync("/api/agencies", Onboarding.AgencyOnboardingTests.NewAgency(Receiver))).IsSuccessStatusCode.ShouldBeTrue();
            if (prepareB is not null) await prepareB(b);
            (await operatorB.PutAsJsonAsync("/api/peers/arsip-a", new
            {
                name = "Arsip Kota Bekasi", baseUrl = urls[0], publicKey = keys[0].ExportSubjectPublicKeyInfoPem(), agencies = new[] { Sender },
            })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            using var operatorA = await OperatorAsync(a);
            (await operatorA.PutAsJsonAsync("/api/peers/arsip-b", new
            {
                name = "Arsip Kabupaten Garut", baseUrl = urls[1], publicKey = keys[1].ExportSubjectPublicKeyInfoPem(), agencies = new[] { Receiver },
            })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            return new Installations
            {
                DatabaseA = a.ConnectionString, DatabaseB = b.ConnectionString, UrlA = urls[0], UrlB = urls[1],
                FolderA = Path.Combine(Path.GetTempPath(), $"arsip-inst-a-{Guid.NewGuid():N}"), FolderB = Path.Combine(Path.GetTempPath(), $"arsip-inst-b-{Guid.NewGuid():N}"),
                KeyA = keyFiles[0], KeyB = keyFiles[1], PrivateA = keys[0], PublicB = keys[1].ExportSubjectPublicKeyInfoPem(),
            };
        }
        finally
        {
            keys[1].Dispose();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    private static async Task<HttpClient> OperatorAsync(ArsipApp app)
    {
        await using (var session = app.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                (await OperatorAccounts.CreateAsync(app.Store, new ArsipClock(app.Clock), "operator", "Operator", Onboarding.AgencyOnboardingTests.OperatorPassword, default)).Refused.ShouldBeFalse();
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = Onboarding.AgencyOnboardingTests.OperatorPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return client;
    }

    internal static async Task<HttpClient> SignInAsync(string url, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Sender, userName, password = ArsipApp.DemoPassword });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>Drafted, signed and dispatched on A to kab-garut's Sekretaris Daerah, with one lampiran; returns its id and issued PDF.</summary>
    internal static async Task<(Guid Id, byte[] Pdf, byte[] Attachment)> SendLetterAsync(HttpClient analis, HttpClient sekda, Guid signatory, string subject)
    {
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject,
            body = "Bersama ini kami sampaikan daftar arsip vital yang disimpan di gudang Cikarang untuk diserahkan.", attachments = "1 berkas",
            addressees = new[] { new { name = "Sekretaris Daerah", agency = Receiver } }, copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = signatory,
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var id = (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
        var attachment = Files.Png();
        (await analis.PostAsync($"/api/outgoing-letters/{id}/attachments", Files.Form("attachment", (attachment, "daftar.png", "image/png")))).EnsureSuccessStatusCode();
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        var signed = await sekda.PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var pdf = await analis.GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        var dispatched = await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/dispatch", new { });
        dispatched.StatusCode.ShouldBe(HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        return (id, pdf, attachment);
    }

    internal static async Task<List<EnvelopeLine>> EnvelopesAsync(HttpClient client, Guid letter) =>
        (await client.GetFromJsonAsync<List<EnvelopeLine>>($"/api/outgoing-letters/{letter}/envelopes", ArsipApp.Json))!;

    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, Func<string>? output = null, int seconds = 90) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{what} within {seconds} s\n{Tail(output?.Invoke() ?? "")}");
            await Task.Delay(250);
        }
    }

    internal static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Owner(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", ArsipStore.Schema), connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static Task<long> RegisteredAtBAsync(Installations i) =>
        CountAsync(i.DatabaseB, $"select count(*) from {{schema}}.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_registered'");

    internal static async Task<Guid> SignatoryAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.Single(p => p.Title == "Sekretaris Daerah").Id;

    [Fact]
    public async Task A_letter_waits_while_the_receiver_is_down_then_arrives_once_with_its_signed_pdf_and_attachment_and_the_receipt_comes_back()
    {
        await using var i = await SetUpAsync();
        await using var a = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
        (await a.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
        using var analis = await SignInAsync(i.UrlA, "analis");
        using var sekda = await SignInAsync(i.UrlA, "sekda");
        var (id, pdf, attachment) = await SendLetterAsync(analis, sekda, await SignatoryAsync(analis), "Penyerahan Daftar Arsip Vital");

        // B is down: the envelope waits in A's outbox and says when it tries next
        var waiting = await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Retrying), "retrying", () => a.Output);
        (waiting.ToAgency, waiting.NextAttemptAt.HasValue, waiting.LastError is not null).ShouldBe((Receiver, true, true));
        using (var admin = await SignInAsync(i.UrlA, "admin"))
            (await admin.GetFromJsonAsync<List<EnvelopeLine>>("/api/exchange/outbox", ArsipApp.Json))!.ShouldContain(e => e.EnvelopeId == waiting.EnvelopeId);
        (await RegisteredAtBAsync(i)).ShouldBe(0);

        await using var b = ServerProcess.Start(i.ArgumentsB(), Installations.Environment);
        (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);
        var received = await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Received), "received",
            () => a.Output + b.Output);
        received.ReceivedAt.ShouldNotBeNull();
        var view = (await analis.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;
        view.Receipts.Single().Agency.ShouldBe(Receiver);
        view.Receipts.Single().AgendaNumber.ShouldBe(received.AgendaNumber!.Value);

        // B registered it once, with the signed PDF as its scan and the lampiran, the same bytes under the same SHA-256
        (await RegisteredAtBAsync(i)).ShouldBe(1);
        (await CountAsync(i.DatabaseB, $"select count(*) from {{schema}}.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_attachment_added'")).ShouldBe(2);
        foreach (var bytes in new[] { pdf, attachment })
        {
            var sha = Files.Sha256(bytes);
            (await File.ReadAllBytesAsync(Path.Combine(i.FolderB, "blobs", sha[..2], sha[2..4], sha))).ShouldBe(bytes);
        }

        // a retry of a delivered envelope is refused; nothing is sent again
        using (var admin = await SignInAsync(i.UrlA, "admin"))
            (await admin.PostAsync($"/api/exchange/outbox/{received.EnvelopeId}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RegisteredAtBAsync(i)).ShouldBe(1);
    }

    [Fact]
    public async Task A_sender_killed_mid_batch_delivers_every_letter_exactly_once_after_restart()
    {
        const int letters = 12;
        await using var i = await SetUpAsync();
        // A sends one envelope at a time, so the batch takes long enough to be cut in the middle
        string[] argumentsA = [.. i.ArgumentsA, "--Arsip:Exchange:ParallelEnvelopes=1"];
        var ids = new List<Guid>();
        long atKill;
        ServerProcess? b = null;
        try
        {
            await using (var a = ServerProcess.Start(argumentsA, Installations.Environment))
            {
                (await a.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
                using var analis = await SignInAsync(i.UrlA, "analis");
                using var sekda = await SignInAsync(i.UrlA, "sekda");
                var signatory = await SignatoryAsync(analis);
                // the whole batch waits in A's outbox while B is down
                for (var n = 0; n < letters; n++) ids.Add((await SendLetterAsync(analis, sekda, signatory, $"Berkas Penyerahan Nomor {n + 1}")).Id);
                foreach (var id in ids)
                    await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Retrying), $"letter {id} waiting", () => a.Output);

                b = ServerProcess.Start(i.ArgumentsB(), Installations.Environment);
                (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);
                var deadline = DateTime.UtcNow.AddSeconds(90);
                while (await RegisteredAtBAsync(i) == 0)
                {
                    if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"nothing arrived at B\n{Tail(a.Output + b.Output)}");
                    await Task.Delay(20);
                }
                await a.KillAsync(); // kill -9 as soon as the first envelope is registered at B
                await Task.Delay(500); // a request B was still reading when A died finishes (or fails) on B's side
                atKill = await RegisteredAtBAsync(i);
            }
            atKill.ShouldBeInRange(1, letters - 1, "the kill landed in the middle of the batch");

            await using var restarted = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
            (await restarted.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
            using var again = await SignInAsync(i.UrlA, "analis");
            foreach (var id in ids)
                await EventuallyAsync(async () => (await EnvelopesAsync(again, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Received), $"letter {id} received", () => restarted.Output + b.Output);
            (await RegisteredAtBAsync(i)).ShouldBe(letters, $"{atKill} had arrived at the kill; each exactly once after");
            (await CountAsync(i.DatabaseA, $"select count(*) from {{schema}}.mt_events where tenant_id = '{Sender}' and type = 'outgoing_letter_delivery_receipted'")).ShouldBe(letters);
        }
        finally
        {
            if (b is not null) await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bad_envelopes_are_refused_with_a_signed_answer_and_register_nothing_and_a_second_copy_gets_the_same_receipt()
    {
        await using var i = await SetUpAsync();
        await using var b = ServerProcess.Start(i.ArgumentsB("--Arsip:Exchange:MaxEnvelopeBytes=200000"), Installations.Environment);
        (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);
        using var http = new HttpClient { BaseAddress = new Uri(i.UrlB) };
        using var keyB = ExchangeKey.ParsePublicKey(i.PublicB)!;
        var keyIdA = SigningKeys.IdOf(i.PrivateA);

        LetterEnvelope Envelope(byte[] file, string from = Sender, DateTimeOffset? signedAt = null)
        {
            var id = Guid.NewGuid();
            var letter = new DeliverLetter(id, from, Guid.NewGuid(), $"Sekretariat ({from})", $"000.5/{id:N}/Setda/2026", new DateOnly(2026, 11, 20), "Uji Amplop",
                "000.5", Arsip.Kernel.SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false,
                [new LetterFile("surat.pdf", Files.Sha256(file), "application/pdf", file.LongLength, AttachmentKind.Scan, DateTimeOffset.UtcNow)]);
            return new LetterEnvelope(id, keyIdA, from, Receiver, signedAt ?? DateTimeOffset.UtcNow, letter);
        }
        async Task<(HttpStatusCode Status, string Body, bool Signed)> PostAsync(LetterEnvelope envelope, byte[] file, ECDsa? signer = null)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(envelope, EnvelopeFormat.Json);
            using var form = new MultipartFormDataContent();
            var head = new ByteArrayContent(json);
            head.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(head, EnvelopeFormat.EnvelopePart);
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, EnvelopeFormat.FilePart, "surat.pdf");
            using var request = new HttpRequestMessage(HttpMethod.Post, EnvelopePaths.Intake) { Content = form };
            var key = signer ?? i.PrivateA;
            request.Headers.Add(EnvelopeFormat.KeyIdHeader, SigningKeys.IdOf(key));
            request.Headers.Add(EnvelopeFormat.SignatureHeader, Convert.ToBase64String(key.SignData(json, HashAlgorithmName.SHA256)));
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var signature = response.Headers.TryGetValues(EnvelopeFormat.SignatureHeader, out var s) ? s.Single() : null;
            return (response.StatusCode, System.Text.Encoding.UTF8.GetString(body), SigningKeys.Verify(keyB, body, signature));
        }

        var pdf = TestPdfs.Letter("Amplop uji antarinstalasi.");
        var tampered = pdf.ToArray();
        tampered[pdf.Length / 2] ^= 0x01;
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var refusals = new (string Case, Func<Task<(HttpStatusCode, string, bool)>> Send, HttpStatusCode Expected)[]
        {
            ("tampered byte", () => PostAsync(Envelope(pdf), tampered), HttpStatusCode.UnprocessableEntity),
            ("replayed old envelope", () => PostAsync(Envelope(pdf, signedAt: DateTimeOffset.UtcNow.AddDays(-2)), pdf), HttpStatusCode.UnprocessableEntity),
            ("unknown sender", () => PostAsync(Envelope(pdf) with { FromKeyId = SigningKeys.IdOf(stranger) }, pdf, stranger), HttpStatusCode.Forbidden),
            ("agency the peer does not host", () => PostAsync(Envelope(pdf, from: "kab-bekasi"), pdf), HttpStatusCode.Forbidden),
            ("oversize", () => { var big = Files.Pdf(300_000); return PostAsync(Envelope(big), big); }, HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (name, send, expected) in refusals)
        {
            var (status, body, signed) = await send();
            status.ShouldBe(expected, $"{name}: {body}");
            signed.ShouldBeTrue($"{name}: the refusal is signed by B");
            body.ShouldContain("detail");
        }
        (await RegisteredAtBAsync(i)).ShouldBe(0, "nothing refused was registered");
        // B's operator sees each refusal with what the request claimed, never its content
        using (var operatorB = new HttpClient { BaseAddress = new Uri(i.UrlB) })
        {
            (await operatorB.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = Onboarding.AgencyOnboardingTests.OperatorPassword }))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var recorded = (await operatorB.GetFromJsonAsync<List<ExchangeRefusal>>("/api/peers/refusals", ArsipApp.Json))!;
            recorded.Select(r => r.Status).Order().ShouldBe([403, 403, 413, 422, 422]);
            recorded.ShouldAllBe(r => r.Item == RefusedItem.Envelope && (r.ToAgency == Receiver || r.Status == 413), "an oversize one is refused unread");
            recorded.Single(r => r.PeerId is null).KeyId.ShouldBe(SigningKeys.IdOf(stranger), "the unknown sender's key id");
            recorded.Single(r => r.FromAgency == "kab-bekasi").Status.ShouldBe(403);
            (await CountAsync(i.DatabaseB, "select count(*) from {schema}.mt_doc_exchangerefusal where data::text like '%Uji Amplop%'")).ShouldBe(0, "never the content");
        }

        // accepted once; the same envelope again (re-signed now) answers the same receipt and registers nothing
        var good = Envelope(pdf);
        var first = await PostAsync(good, pdf);
        first.Status.ShouldBe(HttpStatusCode.OK, first.Body);
        first.Signed.ShouldBeTrue();
        var second = await PostAsync(good with { SignedAt = DateTimeOffset.UtcNow }, pdf);
        second.Status.ShouldBe(HttpStatusCode.OK, second.Body);
        JsonSerializer.Deserialize<EnvelopeReceipt>(second.Body, EnvelopeFormat.Json).ShouldBe(JsonSerializer.Deserialize<EnvelopeReceipt>(first.Body, EnvelopeFormat.Json));
        (await RegisteredAtBAsync(i)).ShouldBe(1);
    }

    internal static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;
}
