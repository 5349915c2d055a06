using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Hosting;
using static Arsip.IntegrationTests.Exchange.InstallationsTests;

namespace Arsip.IntegrationTests.Exchange;

/// <summary>A host of its own with a tight refusal budget (3 a minute, the newest 4 kept), so the bounds are seen exactly.</summary>
public sealed class RefusalsApp : ArsipApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Exchange:RefusalsPerMinute", "3");
        builder.UseSetting("Arsip:Exchange:RefusalsKept", "4");
    }
}

[CollectionDefinition(Name)]
public sealed class RefusalsCollection : ICollectionFixture<RefusalsApp>
{
    public const string Name = "exchange-refusals";
}

/// <summary>#20: what this installation refuses from peers is recorded for its administrators (who claimed to send what, why, when; never
/// the content), bounded by a per-node rate and a count, so a flood of forged requests cannot fill the database.</summary>
[Collection(RefusalsCollection.Name)]
public sealed class RefusalRecordTests(RefusalsApp app) : ArsipTest(app)
{
    private const string Secret = "ISI-YANG-TIDAK-BOLEH-TERSIMPAN";

    private async Task<HttpStatusCode> PostEnvelopeAsync(ECDsa signer, string keyId, DateTimeOffset signedAt, string to = "kota-bekasi", bool tamper = false)
    {
        var id = Guid.NewGuid();
        var file = "%PDF-1.4 uji"u8.ToArray();
        var letter = new DeliverLetter(id, "kab-garut", Guid.NewGuid(), "Sekretariat Daerah Kabupaten Garut", $"000.5/{id:N}/2026", new DateOnly(2026, 11, 20), Secret,
            "000.5", Arsip.Kernel.SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false,
            [new LetterFile("surat.pdf", Convert.ToHexStringLower(SHA256.HashData(file)), "application/pdf", file.LongLength, AttachmentKind.Scan, signedAt)]);
        var json = JsonSerializer.SerializeToUtf8Bytes(new LetterEnvelope(id, keyId, "kab-garut", to, signedAt, letter), EnvelopeFormat.Json);
        using var form = new MultipartFormDataContent();
        var head = new ByteArrayContent(json);
        head.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(head, EnvelopeFormat.EnvelopePart);
        form.Add(new ByteArrayContent(file), EnvelopeFormat.FilePart, "surat.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, EnvelopePaths.Intake) { Content = form };
        request.Headers.Add(EnvelopeFormat.KeyIdHeader, keyId);
        var signature = signer.SignData(json, HashAlgorithmName.SHA256);
        if (tamper) signature[0] ^= 1;
        request.Headers.Add(EnvelopeFormat.SignatureHeader, Convert.ToBase64String(signature));
        using var response = await Anonymous.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<ExchangeRefusal>> RefusalsAsync(HttpClient client, string path = "/api/exchange/refusals") =>
        (await client.GetFromJsonAsync<List<ExchangeRefusal>>(path, ArsipApp.Json))!;

    private Task<long> StoredAsync(string where = "true") =>
        CountAsync(App.ConnectionString, $"select count(*) from {{schema}}.mt_doc_exchangerefusal where {where}");

    [Fact]
    public async Task Forged_envelopes_and_receipts_show_to_the_named_agencys_administrator_without_their_content_within_the_rate_and_count_bounds()
    {
        // the operator lists arsip-b (kab-garut) with its key
        using var peerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                (await OperatorAccounts.CreateAsync(App.Store, new ArsipClock(App.Clock), "operator", "Operator", Onboarding.AgencyOnboardingTests.OperatorPassword, default))
                    .Refused.ShouldBeFalse();
        var op = App.CreateClient();
        (await op.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = Onboarding.AgencyOnboardingTests.OperatorPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.PutAsJsonAsync("/api/peers/arsip-b", new
        {
            name = "Arsip Kabupaten Garut", baseUrl = "http://127.0.0.1:9", publicKey = peerKey.ExportSubjectPublicKeyInfoPem(), agencies = new[] { "kab-garut" },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var peerKeyId = SigningKeys.IdOf(peerKey);
        var now = App.Clock.GetUtcNow();

        // three forgeries use the minute's three records; a fourth is only counted
        (await PostEnvelopeAsync(stranger, SigningKeys.IdOf(stranger), now)).ShouldBe(HttpStatusCode.Forbidden, "unknown key");
        (await PostEnvelopeAsync(peerKey, peerKeyId, now, tamper: true)).ShouldBe(HttpStatusCode.Forbidden, "bad signature");
        (await PostEnvelopeAsync(peerKey, peerKeyId, now.AddDays(-2))).ShouldBe(HttpStatusCode.UnprocessableEntity, "old copy");
        (await PostEnvelopeAsync(stranger, SigningKeys.IdOf(stranger), now, to: "kab-bekasi")).ShouldBe(HttpStatusCode.Forbidden, "over the rate");

        var admin = await As("admin");
        var seen = await RefusalsAsync(admin);
        seen.Select(r => (r.Item, r.Status, r.FromAgency, r.ToAgency, r.PeerId)).OrderBy(r => r.Status).ThenBy(r => r.PeerId).ShouldBe([
            (RefusedItem.Envelope, 403, "kab-garut", "kota-bekasi", null),
            (RefusedItem.Envelope, 403, "kab-garut", "kota-bekasi", "arsip-b"),
            (RefusedItem.Envelope, 422, "kab-garut", "kota-bekasi", "arsip-b"),
        ]);
        seen.ShouldAllBe(r => r.EnvelopeId != null && r.Reason.Length > 0 && r.At == now);
        seen.Single(r => r.PeerId == null).KeyId.ShouldBe(SigningKeys.IdOf(stranger));
        seen.Single(r => r.Status == 422).Reason.ShouldContain("terlalu lama");
        (await StoredAsync()).ShouldBe(3, "the fourth was over the rate");
        (await StoredAsync($"data::text like '%{Secret}%' or data::text like '%surat.pdf%'")).ShouldBe(0, "never the refused content");
        (await RefusalsAsync(await As("admin", "kab-bekasi"))).ShouldBeEmpty("none named kab-bekasi within the rate");
        (await (await As("analis")).GetAsync("/api/exchange/refusals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // a minute later the budget is back; the next record says how many were left out; only the newest 4 are kept
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        now = App.Clock.GetUtcNow();
        (await PostEnvelopeAsync(stranger, SigningKeys.IdOf(stranger), now)).ShouldBe(HttpStatusCode.Forbidden);
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        now = App.Clock.GetUtcNow();
        using (var http = App.CreateClient())
        {
            var receipt = JsonSerializer.SerializeToUtf8Bytes(new ProgressReceipt(Guid.NewGuid(), Guid.NewGuid(), "kota-bekasi", "kab-garut", DeliveryProgress.Read, now, now,
                SigningKeys.IdOf(stranger)), EnvelopeFormat.Json);
            using var request = new HttpRequestMessage(HttpMethod.Post, EnvelopePaths.Receipts) { Content = new ByteArrayContent(receipt) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(EnvelopeFormat.KeyIdHeader, SigningKeys.IdOf(stranger));
            request.Headers.Add(EnvelopeFormat.SignatureHeader, Convert.ToBase64String(stranger.SignData(receipt, HashAlgorithmName.SHA256)));
            (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        (await StoredAsync()).ShouldBe(4, "the newest 4 kept");
        var all = await RefusalsAsync(op, "/api/peers/refusals");
        all.Count.ShouldBe(4);
        all[0].Item.ShouldBe(RefusedItem.Receipt, "newest first");
        (all[0].FromAgency, all[0].ToAgency, all[0].PeerId).ShouldBe(("kab-garut", "kota-bekasi", null));
        all[1].SuppressedBefore.ShouldBe(1, "the one over the rate is told");
        all.Count(r => r.At < now.AddSeconds(-1)).ShouldBe(2, "one of the first minute's three went");
        (await admin.GetAsync("/api/peers/refusals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the whole list is the operator's");

        var page = await admin.GetStringAsync("/admin/kiriman");
        page.ShouldContain("data-testid=\"refusals\"");
        page.ShouldContain("kunci tak dikenal");
        page.ShouldNotContain(Secret);
    }
}
