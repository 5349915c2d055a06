using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.IntegrationTests.Hosting;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using static Arsip.IntegrationTests.Exchange.InstallationsTests;

namespace Arsip.IntegrationTests.Exchange;

/// <summary>#20, after "diterima": the receiving agency's first disposition and first read travel back to the sender as signed receipts
/// (two real server processes, each with its own database), and an administrator's cancel against a send in flight.</summary>
public class ProgressReceiptsTests
{
    private const string SekdaGarut = "sekda.garut", KabagGarut = "kabag.garut", AdminGarut = "admin.garut", PasswordGarut = "sandi-garut-uji-2026";

    /// <summary>kab-garut on B gets a Sekretaris Daerah (the envelope's addressee) and a Kepala Bagian Umum under it, each with a person.</summary>
    internal static async Task PrepareGarutAsync(ArsipApp b)
    {
        using var admin = b.CreateClient();
        (await admin.PostAsJsonAsync("/api/auth/sign-in", new { agency = Receiver, userName = AdminGarut, password = Onboarding.AgencyOnboardingTests.AdminPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync("/api/me/password", new { currentPassword = Onboarding.AgencyOnboardingTests.AdminPassword, newPassword = PasswordGarut }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var unit = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Units[0].Id;
        async Task<Guid> CreateAsync(string path, object body)
        {
            var created = await admin.PostAsJsonAsync(path, body);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return (await created.Content.ReadFromJsonAsync<Created>(ArsipApp.Json))!.Id;
        }
        var sekda = await CreateAsync("/api/organization/positions", new { title = "Sekretaris Daerah", unitId = unit, roles = new[] { "Official" } });
        var kabag = await CreateAsync("/api/organization/positions", new { title = "Kepala Bagian Umum", unitId = unit, reportsTo = sekda, roles = new[] { "Official" } });
        await CreateAsync("/api/organization/people", new { userName = SekdaGarut, fullName = "Drs. Nurdin Yana", password = PasswordGarut, positionId = sekda });
        await CreateAsync("/api/organization/people", new { userName = KabagGarut, fullName = "Ujang Suryana", password = PasswordGarut, positionId = kabag });
    }

    private static async Task<HttpClient> GarutAsync(string url, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Receiver, userName, password = PasswordGarut });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return client;
    }

    private static string[] FastB(Installations i, params string[] more) =>
        i.ArgumentsB(["--Arsip:Exchange:Backoff:0=00:00:01", "--Arsip:Exchange:Backoff:1=00:00:02", .. more]);

    private static Task<long> ProgressedAtAAsync(Installations i) =>
        CountAsync(i.DatabaseA, $"select count(*) from {{schema}}.mt_events where tenant_id = '{Sender}' and type = 'outgoing_letter_delivery_progressed'");

    private static async Task<Guid> ArrivedAsync(HttpClient sekda, string subject) =>
        (await EventuallyAsync(async () => (await sekda.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?pageSize=200", ArsipApp.Json))!.Items
            .FirstOrDefault(l => l.Subject == subject), $"{subject} in the Sekretaris Daerah's inbox at B"))!.Id;

    private static async Task DisposeAsync(HttpClient sekda, string urlB, Guid letter)
    {
        var kabag = (await sekda.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.Single(p => p.Title == "Kepala Bagian Umum").Id;
        var disposed = await sekda.PostAsJsonAsync($"/api/letters/{letter}/dispositions", new { recipients = new[] { new { positionId = kabag } }, instructions = new[] { "TINDAK_LANJUTI" } });
        disposed.StatusCode.ShouldBe(HttpStatusCode.Created, await disposed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_first_disposition_and_first_read_at_B_land_on_As_letter_once_even_when_A_was_down_and_a_cancel_after_delivery_is_refused()
    {
        await using var i = await SetUpAsync(PrepareGarutAsync);
        var a = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
        await using var b = ServerProcess.Start(FastB(i), Installations.Environment);
        Guid id;
        try
        {
            (await a.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
            (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);
            using var analis = await SignInAsync(i.UrlA, "analis");
            using var sekdaA = await SignInAsync(i.UrlA, "sekda");
            id = (await SendLetterAsync(analis, sekdaA, await SignatoryAsync(analis), "Rapat Koordinasi Penyusutan Arsip")).Id;
            var received = await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Received), "received",
                () => a.Output + b.Output);
            (received.DisposedAt, received.ReadAt).ShouldBe((null, null));

            // cancel after delivery: refused, and says why
            using (var admin = await SignInAsync(i.UrlA, "admin"))
            {
                var cancel = await admin.PostAsync($"/api/exchange/outbox/{received.EnvelopeId}/cancel", null);
                cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                (await cancel.Content.ReadAsStringAsync()).ShouldContain("sudah diterima kab-garut");
            }
        }
        finally
        {
            await a.DisposeAsync(); // A is down while B reads and disposes
        }

        using var sekda = await GarutAsync(i.UrlB, SekdaGarut);
        var letter = await ArrivedAsync(sekda, "Rapat Koordinasi Penyusutan Arsip");
        (await sekda.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DisposeAsync(sekda, i.UrlB, letter);
        await DisposeAsync(sekda, i.UrlB, letter); // a second disposition sends nothing
        (await sekda.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK); // nor a second read
        // both receipts wait at B, retrying while A is down
        await EventuallyAsync(async () => await CountAsync(i.DatabaseB,
            $"select count(*) from {{schema}}.mt_doc_progressreceiptstate where tenant_id = '{Receiver}' and data->>'Status' = 'Retrying'") == 2 ? "" : null,
            "two receipts retrying at B", () => b.Output);
        // B's administrator sees them waiting: to whom, which kind, attempts, next try; "send now" makes one more attempt at once
        using var adminGarut = await GarutAsync(i.UrlB, AdminGarut);
        var waiting = await ReceiptOutboxAsync(adminGarut);
        waiting.Select(r => (r.Progress, r.Status, r.ToAgency, r.PeerId, r.IncomingLetterId)).OrderBy(r => r.Progress).ShouldBe([
            (DeliveryProgress.Disposed, ProgressReceiptStatus.Retrying, Sender, "arsip-a", letter), (DeliveryProgress.Read, ProgressReceiptStatus.Retrying, Sender, "arsip-a", letter)]);
        waiting.ShouldAllBe(r => r.Attempts >= 1 && r.NextAttemptAt != null && r.LastError != null && r.AgendaNumber > 0);
        var read = waiting.Single(r => r.Progress == DeliveryProgress.Read);
        (await adminGarut.PostAsync($"/api/exchange/receipts/outbox/{read.ReceiptId}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await EventuallyAsync(async () => (await ReceiptOutboxAsync(adminGarut)).Single(r => r.ReceiptId == read.ReceiptId).Attempts > read.Attempts ? "" : null,
            "one more attempt after \"send now\"", () => b.Output);
        (await (await GarutAsync(i.UrlB, KabagGarut)).GetAsync("/api/exchange/receipts/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await using var again = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
        (await again.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
        using var analisAgain = await SignInAsync(i.UrlA, "analis");
        var line = await EventuallyAsync(async () => (await EnvelopesAsync(analisAgain, id)).SingleOrDefault(e => e.DisposedAt is not null && e.ReadAt is not null),
            "didisposisikan and dibaca at A", () => again.Output + b.Output);
        (line.Status, line.ReadAt <= line.DisposedAt).ShouldBe((EnvelopeStatus.Received, true));
        await Task.Delay(TimeSpan.FromSeconds(4)); // any duplicate would have landed by now (backoff 1 s, 2 s)
        (await ProgressedAtAAsync(i)).ShouldBe(2, "each receipt exactly once");
        (await CountAsync(i.DatabaseB, $"select count(*) from {{schema}}.mt_doc_progressreceiptstate where data->>'Status' = 'Delivered'")).ShouldBe(2);
        var view = (await analisAgain.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;
        view.Progress.Select(p => p.Progress).Order().ShouldBe([DeliveryProgress.Disposed, DeliveryProgress.Read]);
        // B's outbox of receipts: nothing waits; with ?all=true both delivered; a delivered one cannot be cancelled
        (await ReceiptOutboxAsync(adminGarut)).ShouldBeEmpty();
        var delivered = await ReceiptOutboxAsync(adminGarut, all: true);
        delivered.ShouldAllBe(r => r.Status == ProgressReceiptStatus.Delivered && r.DeliveredAt != null && r.NextAttemptAt == null);
        delivered.Count.ShouldBe(2);
        var tooLate = await adminGarut.PostAsync($"/api/exchange/receipts/outbox/{read.ReceiptId}/cancel", null);
        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooLate.Content.ReadAsStringAsync()).ShouldContain("sudah sampai");
    }

    private static async Task<List<ReceiptLine>> ReceiptOutboxAsync(HttpClient admin, bool all = false) =>
        (await admin.GetFromJsonAsync<List<ReceiptLine>>($"/api/exchange/receipts/outbox{(all ? "?all=true" : "")}", ArsipApp.Json))!;

    [Fact]
    public async Task With_receipts_turned_off_nothing_is_sent_and_forged_or_unknown_receipts_are_refused_and_record_nothing()
    {
        await using var i = await SetUpAsync(PrepareGarutAsync);
        await using var a = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
        await using var b = ServerProcess.Start(FastB(i), Installations.Environment);
        (await a.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
        (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);

        using (var adminGarut = await GarutAsync(i.UrlB, AdminGarut))
        {
            (await adminGarut.GetFromJsonAsync<ReceiptSettings>("/api/exchange/receipt-settings", ArsipApp.Json))!.SendDisposed.ShouldBeTrue("on by default");
            (await adminGarut.PutAsJsonAsync("/api/exchange/receipt-settings", new { sendDisposed = false, sendRead = false })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await adminGarut.PutAsJsonAsync("/api/exchange/receipt-settings", new { sendDisposed = false })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        using var analis = await SignInAsync(i.UrlA, "analis");
        using var sekdaA = await SignInAsync(i.UrlA, "sekda");
        var id = (await SendLetterAsync(analis, sekdaA, await SignatoryAsync(analis), "Laporan Pengelolaan Arsip Dinamis")).Id;
        var envelope = await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Received), "received",
            () => a.Output + b.Output);

        using var sekda = await GarutAsync(i.UrlB, SekdaGarut);
        var letter = await ArrivedAsync(sekda, "Laporan Pengelolaan Arsip Dinamis");
        (await sekda.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DisposeAsync(sekda, i.UrlB, letter);
        // the read is recorded at B (its history), but no receipt is due
        await EventuallyAsync(async () => await CountAsync(i.DatabaseB,
            $"select count(*) from {{schema}}.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_first_read'") == 1 ? "" : null, "the first read at B", () => b.Output);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await CountAsync(i.DatabaseB, "select count(*) from {schema}.mt_doc_progressreceiptstate")).ShouldBe(0);
        (await ProgressedAtAAsync(i)).ShouldBe(0);

        // receipts posted to A by hand: only B's key, for an envelope A sent to kab-garut, verifies and lands
        using var http = new HttpClient { BaseAddress = new Uri(i.UrlA) };
        using var keyB = ECDsa.Create();
        keyB.ImportFromPem(await File.ReadAllTextAsync(i.KeyB));
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ProgressReceipt Receipt(Guid envelopeId, DeliveryProgress progress = DeliveryProgress.Read, string to = Receiver) =>
            new(ProgressReceipt.IdFor(envelopeId, progress), envelopeId, Sender, to, progress, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, SigningKeys.IdOf(keyB));
        async Task<HttpStatusCode> PostAsync(ProgressReceipt receipt, ECDsa signer, Func<byte[], byte[]>? tamper = null)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(receipt, EnvelopeFormat.Json);
            using var request = new HttpRequestMessage(HttpMethod.Post, EnvelopePaths.Receipts) { Content = new ByteArrayContent(tamper?.Invoke(json) ?? json) };
            request.Headers.Add(EnvelopeFormat.KeyIdHeader, SigningKeys.IdOf(signer));
            request.Headers.Add(EnvelopeFormat.SignatureHeader, Convert.ToBase64String(signer.SignData(json, HashAlgorithmName.SHA256)));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        var cases = new (string Case, Func<Task<HttpStatusCode>> Post, HttpStatusCode Expected)[]
        {
            ("unknown signer", () => PostAsync(Receipt(envelope.EnvelopeId) with { ReceiverKeyId = SigningKeys.IdOf(stranger) }, stranger), HttpStatusCode.Forbidden),
            ("tampered after signing", () => PostAsync(Receipt(envelope.EnvelopeId), keyB,
                json => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(json).Replace("\"read\"", "\"disposed\"", StringComparison.OrdinalIgnoreCase))), HttpStatusCode.Forbidden),
            ("an envelope A never sent", () => PostAsync(Receipt(Guid.NewGuid()), keyB), HttpStatusCode.NotFound),
            ("an agency B does not host", () => PostAsync(Receipt(envelope.EnvelopeId, to: "kab-bekasi"), keyB), HttpStatusCode.Forbidden),
            ("an old copy", () => PostAsync(Receipt(envelope.EnvelopeId) with { SignedAt = DateTimeOffset.UtcNow.AddDays(-1) }, keyB), HttpStatusCode.UnprocessableEntity),
        };
        foreach (var (name, post, expected) in cases) (await post()).ShouldBe(expected, name);
        (await ProgressedAtAAsync(i)).ShouldBe(0, "nothing refused was recorded");
        // ... but each refusal is, for kota-bekasi's administrator: who claimed to send it, why, when
        using (var adminA = await SignInAsync(i.UrlA, "admin"))
        {
            var refusals = (await adminA.GetFromJsonAsync<List<ExchangeRefusal>>("/api/exchange/refusals", ArsipApp.Json))!;
            refusals.Where(r => r.Item == RefusedItem.Receipt).Select(r => r.Status).Order().ShouldBe([403, 403, 403, 404, 422]);
            refusals.ShouldAllBe(r => r.ToAgency == Sender && r.EnvelopeId != null);
            refusals.Count(r => r.PeerId == "arsip-b").ShouldBe(4, "all but the unknown signer name B's key");
        }

        // a genuine one lands once, however often it comes
        (await PostAsync(Receipt(envelope.EnvelopeId), keyB)).ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(Receipt(envelope.EnvelopeId), keyB)).ShouldBe(HttpStatusCode.NoContent);
        (await ProgressedAtAAsync(i)).ShouldBe(1);
        (await EnvelopesAsync(analis, id)).Single().ReadAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_cancel_while_the_receiver_is_down_stops_the_retries_and_nothing_arrives_when_it_comes_up()
    {
        await using var i = await SetUpAsync();
        await using var a = ServerProcess.Start(i.ArgumentsA, Installations.Environment);
        (await a.HealthAsync(i.UrlA)).Status.ShouldBe(HttpStatusCode.OK);
        using var analis = await SignInAsync(i.UrlA, "analis");
        using var sekda = await SignInAsync(i.UrlA, "sekda");
        var id = (await SendLetterAsync(analis, sekda, await SignatoryAsync(analis), "Undangan yang Dibatalkan")).Id;
        var retrying = await EventuallyAsync(async () => (await EnvelopesAsync(analis, id)).SingleOrDefault(e => e.Status == EnvelopeStatus.Retrying && e.Attempts >= 2),
            "retrying", () => a.Output);

        using var admin = await SignInAsync(i.UrlA, "admin");
        (await admin.PostAsync($"/api/exchange/outbox/{retrying.EnvelopeId}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cancelled = (await EnvelopesAsync(analis, id)).Single();
        cancelled.Status.ShouldBe(EnvelopeStatus.Cancelled);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the backoff is 1 s, 2 s: any retry left would have run
        (await EnvelopesAsync(analis, id)).Single().Attempts.ShouldBe(cancelled.Attempts, "no attempt after the cancel");
        var again = await admin.PostAsync($"/api/exchange/outbox/{retrying.EnvelopeId}/cancel", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("sudah dibatalkan");

        await using var b = ServerProcess.Start(i.ArgumentsB(), Installations.Environment);
        (await b.HealthAsync(i.UrlB)).Status.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await RegisteredAtBAsync(i)).ShouldBe(0);
        (await EnvelopesAsync(analis, id)).Single().Status.ShouldBe(EnvelopeStatus.Cancelled);
    }
}
