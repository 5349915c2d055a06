using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Exchange;

namespace Arsip.Tests.Exchange;

public sealed class EnvelopeDecisionTests
{
    private static readonly ECDsa PeerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly PeerInstallation Peer = new() { PeerId = "arsip-b", BaseUrl = "http://127.0.0.1:1", PublicKey = PeerKey.ExportSubjectPublicKeyInfoPem(), Agencies = ["kab-garut"] };
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static LetterEnvelope Envelope()
    {
        var id = Guid.NewGuid();
        return new LetterEnvelope(id, "a", "kota-bekasi", "kab-garut", Now, new DeliverLetter(id, "kota-bekasi", Guid.NewGuid(), "Setda", "1/2026", new DateOnly(2026, 12, 1),
            "Uji", "000.5", SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false));
    }

    private static string Sign(byte[] body) => Convert.ToBase64String(PeerKey.SignData(body, HashAlgorithmName.SHA256));

    [Fact]
    public void Only_a_receipt_signed_by_the_peer_for_this_envelope_counts_as_received()
    {
        var envelope = Envelope();
        var body = JsonSerializer.SerializeToUtf8Bytes(new EnvelopeReceipt(envelope.EnvelopeId, "kab-garut", Guid.NewGuid(), 7, Now, "b"), EnvelopeFormat.Json);
        EnvelopeSender.Read(Peer, envelope, HttpStatusCode.OK, Sign(body), body).ShouldBeOfType<SendOutcome.Received>().Receipt.AgendaNumber.ShouldBe(7);
        EnvelopeSender.Read(Peer, envelope, HttpStatusCode.OK, null, body).ShouldBeOfType<SendOutcome.Unreachable>();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        EnvelopeSender.Read(Peer, envelope, HttpStatusCode.OK, Convert.ToBase64String(other.SignData(body, HashAlgorithmName.SHA256)), body).ShouldBeOfType<SendOutcome.Unreachable>();
        EnvelopeSender.Read(Peer, Envelope(), HttpStatusCode.OK, Sign(body), body).ShouldBeOfType<SendOutcome.Unreachable>("a receipt for another envelope");
    }

    [Fact]
    public void A_peer_keeps_its_parsed_key_between_checks_but_never_checks_with_a_key_the_entry_no_longer_names()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = "amplop"u8.ToArray();
        string SignedBy(ECDsa key) => Convert.ToBase64String(key.SignData(body, HashAlgorithmName.SHA256));
        var peer = new PeerInstallation { PeerId = "arsip-b", PublicKey = first.ExportSubjectPublicKeyInfoPem() };
        // many checks at once share the kept keys without mixing up their answers
        Parallel.For(0, 200, i => peer.Signed(body, SignedBy(i % 2 == 0 ? first : second)).ShouldBe(i % 2 == 0));
        peer.PublicKey = second.ExportSubjectPublicKeyInfoPem();
        peer.Signed(body, SignedBy(first)).ShouldBeFalse("the entry now names another key");
        peer.Signed(body, SignedBy(second)).ShouldBeTrue();
        peer.Apply(new PeerInstallationSet("arsip-b", "B", "http://127.0.0.1:1", first.ExportSubjectPublicKeyInfoPem(), "k", ["kab-garut"], "op", Now));
        peer.Signed(body, SignedBy(second)).ShouldBeFalse();
        peer.Signed(body, SignedBy(first)).ShouldBeTrue();
        peer.Signed(body, "bukan-base64!").ShouldBeFalse();
        new PeerInstallation { PublicKey = "bukan kunci" }.Signed(body, SignedBy(first)).ShouldBeFalse();
    }

    [Fact]
    public void A_4xx_is_a_refusal_with_its_reason_and_a_5xx_or_throttling_is_tried_again()
    {
        var body = Encoding.UTF8.GetBytes("""{"status":422,"detail":"Berkas tidak cocok"}""");
        EnvelopeSender.Read(Peer, Envelope(), HttpStatusCode.UnprocessableEntity, Sign(body), body).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldBe("Berkas tidak cocok");
        EnvelopeSender.Read(Peer, Envelope(), HttpStatusCode.NotFound, null, "<html>"u8.ToArray()).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldContain("unsigned");
        EnvelopeSender.Read(Peer, Envelope(), HttpStatusCode.BadGateway, null, []).ShouldBeOfType<SendOutcome.Unreachable>();
        EnvelopeSender.Read(Peer, Envelope(), HttpStatusCode.TooManyRequests, null, []).ShouldBeOfType<SendOutcome.Unreachable>();
    }

    [Fact]
    public void Backoff_grows_then_repeats_its_last_wait_for_as_long_as_the_peer_is_down()
    {
        var options = new ExchangeOptions();
        options.BackoffAfter(1).ShouldBe(TimeSpan.FromSeconds(5));
        options.BackoffAfter(2).ShouldBe(TimeSpan.FromSeconds(30));
        options.BackoffAfter(500).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_peer_entry_must_not_claim_an_agency_hosted_here_or_by_another_peer_and_the_same_entry_twice_records_once()
    {
        var facts = new PeerDirectoryFacts(new HashSet<string> { "kota-bekasi" }, new Dictionary<string, string> { ["kab-bandung"] = "arsip-bandung" }, "own");
        SetPeerInstallation Body(params string[] agencies) => new("Arsip Garut", "https://arsip.garutkab.go.id/", Peer.PublicKey, agencies);
        var set = SetPeerInstallationHandler.Decide(new("arsip-garut", Body("kab-garut"), "op"), null, facts, Now);
        var e = set.Events.Single().ShouldBeOfType<PeerInstallationSet>();
        (e.BaseUrl, e.KeyId).ShouldBe(("https://arsip.garutkab.go.id", SigningKeys.IdOf(PeerKey)));
        SetPeerInstallationHandler.Decide(new("arsip-garut", Body("kab-garut"), "op"), PeerInstallation.Create(e), facts, Now).Events.ShouldBeEmpty();
        SetPeerInstallationHandler.Decide(new("arsip-garut", Body("kota-bekasi"), "op"), null, facts, Now).Refusal!.Status.ShouldBe(409);
        SetPeerInstallationHandler.Decide(new("arsip-garut", Body("kab-bandung"), "op"), null, facts, Now).Refusal!.Status.ShouldBe(409);
        SetPeerInstallationHandler.Decide(new("arsip-garut", Body(), "op"), null, facts, Now).Refusal!.Status.ShouldBe(400);
        SetPeerInstallationHandler.Decide(new("Arsip Garut!", Body("kab-garut"), "op"), null, facts, Now).Refusal!.Status.ShouldBe(400);
    }
}
