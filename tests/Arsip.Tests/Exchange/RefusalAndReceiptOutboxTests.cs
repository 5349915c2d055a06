using System.Text;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Exchange;

namespace Arsip.Tests.Exchange;

/// <summary>#20: what bounds the refusal record (the per-node rate), what it keeps of a refused request, and when an administrator may
/// send a receipt now or cancel it.</summary>
public sealed class RefusalAndReceiptOutboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_limiter_records_a_burst_of_its_rate_then_counts_the_rest_and_hands_the_count_to_the_next_recorded_refusal()
    {
        var limiter = new RefusalLimiter(3);
        Enumerable.Range(0, 10).Select(_ => limiter.Take(Now)).Select(t => t.Record).ShouldBe([true, true, true, false, false, false, false, false, false, false]);
        limiter.Take(Now.AddSeconds(10)).ShouldBe((false, 0), "half a token after 10 s at 3 a minute");
        limiter.Take(Now.AddSeconds(20)).ShouldBe((true, 8), "one token after 20 s; the eight left out are told");
        limiter.Take(Now.AddSeconds(21)).ShouldBe((false, 0));
        limiter.Take(Now.AddHours(1)).ShouldBe((true, 1));
        limiter.Take(Now.AddHours(1)).ShouldBe((true, 0));
        limiter.Take(Now.AddHours(1)).ShouldBe((true, 0));
        limiter.Take(Now.AddHours(1)).Record.ShouldBeFalse("the bucket holds at most a minute's worth");
    }

    [Fact]
    public void A_refusal_keeps_the_claimed_names_and_ids_only_never_the_content()
    {
        var id = Guid.NewGuid();
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new LetterEnvelope(id, "k", "kab-garut", "kota-bekasi", Now,
            new DeliverLetter(id, "kab-garut", Guid.NewGuid(), "Setda", "1/2026", new DateOnly(2026, 12, 1), "Isi rahasia yang ditolak", "000.5",
                SecurityLevel.Rahasia, Urgency.Biasa, null, "Sekretaris Daerah", false)), EnvelopeFormat.Json);
        var claims = new RefusalClaims("k").With(envelope, RefusedItem.Envelope);
        claims.ShouldBe(new RefusalClaims("k", null, "kab-garut", "kota-bekasi", id));
        claims.ToString().ShouldNotContain("rahasia");

        // a receipt comes back from the letter's addressee: its toAgency is the claimed sender, its fromAgency the agency here
        var receipt = JsonSerializer.SerializeToUtf8Bytes(new ProgressReceipt(Guid.NewGuid(), id, "kota-bekasi", "kab-garut", DeliveryProgress.Read, Now, Now, "k"), EnvelopeFormat.Json);
        new RefusalClaims("k").With(receipt, RefusedItem.Receipt).ShouldBe(new RefusalClaims("k", null, "kab-garut", "kota-bekasi", id));

        new RefusalClaims("k").With("not json"u8, RefusedItem.Envelope).ShouldBe(new RefusalClaims("k"));
        new RefusalClaims("k").With("[1]"u8, RefusedItem.Envelope).ShouldBe(new RefusalClaims("k"));
        new RefusalClaims("k").With(Encoding.UTF8.GetBytes($"{{\"toAgency\":\"{new string('x', 5000)}\",\"envelopeId\":\"zz\"}}"), RefusedItem.Envelope)
            .ShouldBe(new RefusalClaims("k", null, null, new string('x', 64), null));
    }

    private static ProgressReceiptState State(ProgressReceiptStatus status) => new()
    {
        Id = Guid.NewGuid(), Origin = new DeliveryOrigin(Guid.NewGuid(), "kota-bekasi", Guid.NewGuid(), true), Status = status, Generation = 2,
        NextAttemptAt = Now.AddHours(1), Reason = status == ProgressReceiptStatus.Refused ? "HTTP 404" : null,
    };

    [Fact]
    public void Only_a_receipt_still_waiting_can_be_sent_now_or_cancelled()
    {
        var waiting = State(ProgressReceiptStatus.Retrying);
        ReceiptOutboxActionHandler.Decide(new ReceiptOutboxAction(waiting.Id, false, "Admin"), waiting, Now).Refusal.ShouldBeNull();
        (waiting.Status, waiting.Generation, waiting.NextAttemptAt).ShouldBe((ProgressReceiptStatus.Retrying, 3, Now), "the scheduled copy (generation 2) now does nothing");

        ReceiptOutboxActionHandler.Decide(new ReceiptOutboxAction(waiting.Id, true, "Admin"), waiting, Now).Refusal.ShouldBeNull();
        (waiting.Status, waiting.Generation, waiting.NextAttemptAt, waiting.Reason).ShouldBe((ProgressReceiptStatus.Cancelled, 4, null, "Dibatalkan oleh Admin (cancelled)"));

        foreach (var (status, says) in new[] { (ProgressReceiptStatus.Delivered, "sudah sampai"), (ProgressReceiptStatus.Refused, "sudah ditolak"), (ProgressReceiptStatus.Cancelled, "sudah dibatalkan") })
        {
            var settled = State(status);
            var refusal = ReceiptOutboxActionHandler.Decide(new ReceiptOutboxAction(settled.Id, true, "Admin"), settled, Now).Refusal.ShouldNotBeNull();
            (refusal.Status, refusal.Detail!.Contains(says)).ShouldBe(((int?)409, true), status.ToString());
            settled.Generation.ShouldBe(2, "nothing changed");
        }
        ReceiptOutboxActionHandler.Decide(new ReceiptOutboxAction(Guid.NewGuid(), false, "Admin"), null, Now).Refusal!.Status.ShouldBe(404);
    }
}
