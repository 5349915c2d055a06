using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Arsip.Exchange;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Exchange;

/// <summary>#20: the installation's envelope key is public at a well-known address; its operator keeps the directory of peers.</summary>
public partial class PeerDirectoryTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<HttpClient> OperatorAsync()
    {
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                (await OperatorAccounts.CreateAsync(App.Store, new ArsipClock(App.Clock), "operator", "Operator Instalasi", Onboarding.AgencyOnboardingTests.OperatorPassword, default))
                    .Refused.ShouldBeFalse();
        var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = Onboarding.AgencyOnboardingTests.OperatorPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return client;
    }

    private static string NewPublicKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();

    [Fact]
    public async Task The_public_key_is_served_to_anyone_and_the_private_key_is_nowhere_in_the_database()
    {
        var identity = (await Anonymous.GetFromJsonAsync<InstallationIdentity>(InstallationIdentityEndpoints.WellKnownPath, ArsipApp.Json))!;
        using var key = ExchangeKey.ParsePublicKey(identity.PublicKey);
        key.ShouldNotBeNull();
        SigningKeys.IdOf(key).ShouldBe(identity.KeyId);
        identity.Agencies.ShouldContain("kota-bekasi");
        identity.IntakePath.ShouldBe(EnvelopePaths.Intake);

        // The private half signs: what it signs verifies with the served key.
        var signer = App.Services.GetRequiredService<ExchangeKey>();
        SigningKeys.Verify(key, "surat"u8.ToArray(), signer.Sign("surat"u8.ToArray())).ShouldBeTrue();
        SigningKeys.Verify(key, "surat!"u8.ToArray(), signer.Sign("surat"u8.ToArray())).ShouldBeFalse();
    }

    [Fact]
    public async Task The_operator_writes_reads_rewrites_and_removes_a_peer_and_nobody_else_may()
    {
        var op = await OperatorAsync();
        var publicKey = NewPublicKey();
        var entry = new { name = "Arsip Kabupaten Garut", baseUrl = "https://arsip.garutkab.go.id/", publicKey, agencies = new[] { "kab-garut", "kec-garut-kota" } };
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry)).StatusCode.ShouldBe(HttpStatusCode.NoContent); // the same entry again: nothing new

        var list = (await op.GetFromJsonAsync<PeerList>("/api/peers", ArsipApp.Json))!;
        var peer = list.Peers.Single(p => p.PeerId == "arsip-garut");
        peer.BaseUrl.ShouldBe("https://arsip.garutkab.go.id");
        peer.Agencies.ShouldBe(["kab-garut", "kec-garut-kota"]);
        peer.KeyId.ShouldBe(SigningKeys.IdOf(ExchangeKey.ParsePublicKey(publicKey)!));
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            (await session.Events.FetchStreamAsync(PeerStreams.For("arsip-garut"))).Count.ShouldBe(1);

        // Refused: a bad key, a bad URL, an agency hosted here, an agency another peer hosts, our own key.
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry with { publicKey = "bukan kunci" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry with { baseUrl = "ftp://arsip" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry with { agencies = new[] { "kota-bekasi" } })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await op.PutAsJsonAsync("/api/peers/arsip-lain", entry with { publicKey = NewPublicKey(), agencies = new[] { "kab-garut" } })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry with { publicKey = list.Self.PublicKey })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await op.PutAsJsonAsync("/api/peers/arsip-garut", entry with { agencies = new[] { "kab-garut" } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.GetFromJsonAsync<PeerList>("/api/peers", ArsipApp.Json))!.Peers.Single(p => p.PeerId == "arsip-garut").Agencies.ShouldBe(["kab-garut"]);

        var admin = await As("admin");
        (await admin.PutAsJsonAsync("/api/peers/arsip-x", entry)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/peers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Anonymous.GetAsync("/api/peers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await op.DeleteAsync("/api/peers/arsip-garut")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.DeleteAsync("/api/peers/arsip-garut")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await op.GetFromJsonAsync<PeerList>("/api/peers", ArsipApp.Json))!.Peers.ShouldNotContain(p => p.PeerId == "arsip-garut");
    }

    [Fact]
    public async Task The_operator_page_shows_the_key_id_and_adds_a_peer()
    {
        var op = await OperatorAsync();
        var page = await op.GetStringAsync("/operator/instalasi");
        var self = (await op.GetFromJsonAsync<PeerList>("/api/peers", ArsipApp.Json))!.Self;
        page.ShouldContain(self.KeyId);
        (await (await As("admin")).GetStringAsync("/operator/instalasi")).ShouldNotContain(self.KeyId, Case.Sensitive, "an agency's administrator is no operator");

        (await op.PostAsync("/operator/instalasi?handler=Simpan", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.PeerId"] = "tanpa-token" })))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no anti-forgery token");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        var saved = await op.PostAsync("/operator/instalasi?handler=Simpan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.PeerId"] = "arsip-ambon", ["Form.Name"] = "Arsip Kota Ambon", ["Form.BaseUrl"] = "http://127.0.0.1:5999",
            ["Form.PublicKey"] = NewPublicKey(), ["Form.Agencies"] = "kota-ambon-lama, kec-sirimau", ["__RequestVerificationToken"] = token,
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, "redirected back to the page");
        (await op.GetStringAsync("/operator/instalasi")).ShouldContain("kec-sirimau");
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();
}
