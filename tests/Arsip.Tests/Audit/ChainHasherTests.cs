using Arsip.Infrastructure;
using System.Text;
using Arsip.Audit;

namespace Arsip.Tests.Audit;

/// <summary>The allocation-free chain hasher computes exactly the links the string definition does, whatever the key order or spacing.</summary>
public class ChainHasherTests
{
    private static readonly string[] Samples =
    [
        """{"b":1,"a":"x"}""",
        """{"a": "x", "b": 1}""",
        """{"LetterId":"01a2","Changes":[{"Field":"remarks","Before":null,"After":"Diteruskan ke Sekda"}],"Reason":"Catatan","CorrectedAt":"2026-11-24T02:00:00+00:00"}""",
        """{"z":{"y":[3,2,{"β":"é","a":true}],"x":1.50,"w":-0.0001},"Subject":"Surat \"kutip\" <b> & \u0001 😀","n":null}""",
        """[{"b":2,"a":1},[],{}]""",
        """{"Ä":1,"Z":2,"a":3,"":4,"\uE000":5,"😀":6}""",
    ];

    private static readonly Guid Stream = Guid.Parse("0194f5a0-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static LinkFields Fields(long version, string type = "e", int format = HashChain.CurrentFormat, string tenant = "kota-bekasi", Guid? stream = null, DateTimeOffset? at = null, string actor = "who") =>
        new(format, tenant, stream ?? Stream, version, type, HashChain.Instant(at ?? At), actor);

    [Theory]
    [InlineData(1)]
    [InlineData(HashChain.CurrentFormat)]
    public void Each_link_equals_the_string_definition(int format)
    {
        using var hasher = new ChainHasher();
        var previous = HashChain.Genesis;
        var version = 0;
        foreach (var json in Samples)
        {
            var fields = Fields(++version, "incoming_letter_corrected", format, actor: "Budi Santoso (p) [a,b]");
            var expected = HashChain.Link(previous, fields, HashChain.Canonical(json));
            hasher.Next(Encoding.UTF8.GetBytes(json), fields).ShouldBe(expected, json);
            hasher.Head.ShouldBe(expected);
            previous = expected;
        }
    }

    [Fact]
    public void Key_order_and_spacing_do_not_change_a_link_but_content_does()
    {
        using var first = new ChainHasher();
        using var second = new ChainHasher();
        first.Next(Encoding.UTF8.GetBytes("""{"b":1,"a":"x"}"""), Fields(1)).ShouldBe(second.Next(Encoding.UTF8.GetBytes("""{ "a" : "x",  "b" : 1 }"""), Fields(1)));
        using var third = new ChainHasher();
        third.Next(Encoding.UTF8.GetBytes("""{"b":2,"a":"x"}"""), Fields(1)).ShouldNotBe(first.Head);
    }

    [Fact]
    public void Every_stored_field_with_a_meaning_is_in_the_link()
    {
        var json = Encoding.UTF8.GetBytes("""{"a":1}""");
        string Link(LinkFields fields)
        {
            using var hasher = new ChainHasher();
            return hasher.Next(json, fields);
        }
        var original = Link(Fields(1));
        new[]
        {
            Link(Fields(2)), Link(Fields(1, type: "other")), Link(Fields(1, tenant: "kab-bekasi")), Link(Fields(1, stream: Guid.Empty)),
            Link(Fields(1, at: At.AddYears(-1))), Link(Fields(1, at: At.AddTicks(10))), Link(Fields(1, actor: "someone else")),
        }.ShouldAllBe(link => link != original);
    }

    [Fact]
    public void A_mismatch_is_reported_and_leaves_the_head_at_the_last_good_link()
    {
        using var hasher = new ChainHasher();
        var good = HashChain.Link(HashChain.Genesis, Fields(1), HashChain.Canonical("""{"a":1}"""));
        hasher.NextMatches(Encoding.UTF8.GetBytes("""{"a":1}"""), Fields(1), good).ShouldBeTrue();
        hasher.NextMatches(Encoding.UTF8.GetBytes("""{"a":2}"""), Fields(2), new string('f', 64)).ShouldBeFalse();
        hasher.Head.ShouldBe(good);
    }

    private static List<StoredEvent> Sealed(int count)
    {
        var events = new List<StoredEvent>();
        var previous = HashChain.Genesis;
        for (var v = 1; v <= count; v++)
        {
            var json = $$"""{"Version":{{v}},"Remarks":"catatan {{v}}"}""";
            var at = At.AddMinutes(v);
            previous = HashChain.Link(previous, Fields(v, at: at), HashChain.Canonical(json));
            events.Add(new StoredEvent(v, "e", Encoding.UTF8.GetBytes(json), previous, HashChain.Instant(at), "who", at, HashChain.CurrentFormat));
        }
        return events;
    }

    [Fact]
    public void Verification_finds_an_edited_a_missing_and_a_moved_event()
    {
        var events = Sealed(4);
        ChainVerifier.Verify(Stream, "kota-bekasi", events).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Head.ShouldBe(events[^1].Hash));

        var edited = events.ToList();
        edited[2] = edited[2] with { Data = Encoding.UTF8.GetBytes("""{"Version":3,"Remarks":"diubah"}""") };
        ChainVerifier.Verify(Stream, "kota-bekasi", edited).FirstBroken!.Version.ShouldBe(3);

        ChainVerifier.Verify(Stream, "kota-bekasi", events.Where(e => e.Version != 2).ToList()).FirstBroken!.Version.ShouldBe(2);

        var moved = new List<StoredEvent> { events[0], events[2] with { Version = 2 }, events[1] with { Version = 3 }, events[3] };
        ChainVerifier.Verify(Stream, "kota-bekasi", moved).FirstBroken!.Version.ShouldBe(2);
    }

    [Fact]
    public void A_stream_moved_to_another_agency_or_id_no_longer_verifies()
    {
        var events = Sealed(2);
        ChainVerifier.Verify(Stream, "kab-bekasi", events).FirstBroken!.Version.ShouldBe(1);
        ChainVerifier.Verify(Guid.CreateVersion7(), "kota-bekasi", events).FirstBroken!.Version.ShouldBe(1);
    }

    [Fact]
    public void A_backdated_timestamp_is_named_even_when_the_header_is_backdated_too()
    {
        var events = Sealed(3);
        var moved = events.ToList();
        moved[1] = moved[1] with { Timestamp = moved[1].Timestamp.AddYears(-1) };
        ChainVerifier.Verify(Stream, "kota-bekasi", moved).FirstBroken.ShouldSatisfyAllConditions(
            b => b!.Version.ShouldBe(2), b => b!.Reason.ShouldContain("timestamp"));

        moved[1] = moved[1] with { RecordedAt = HashChain.Instant(moved[1].Timestamp) };
        ChainVerifier.Verify(Stream, "kota-bekasi", moved).FirstBroken!.Version.ShouldBe(2);
    }

    [Fact]
    public void A_chain_resealed_or_cut_short_after_its_anchor_is_caught_by_the_anchored_head()
    {
        var events = Sealed(3);
        var anchored = new StreamHead(Stream, 3, events[2].Hash!);
        ChainVerifier.Verify(Stream, "kota-bekasi", events, anchored).Intact.ShouldBeTrue();

        // an insider edits version 2 and recomputes every link after it: the chain alone verifies again
        var resealed = Sealed(3);
        resealed[1] = resealed[1] with { Data = Encoding.UTF8.GetBytes("""{"Version":2,"Remarks":"dipalsukan"}""") };
        using (var hasher = new ChainHasher())
            for (var i = 0; i < resealed.Count; i++)
                resealed[i] = resealed[i] with { Hash = hasher.Next(resealed[i].Data, Fields(resealed[i].Version, at: resealed[i].Timestamp)) };
        ChainVerifier.Verify(Stream, "kota-bekasi", resealed).Intact.ShouldBeTrue();
        ChainVerifier.Verify(Stream, "kota-bekasi", resealed, anchored).FirstBroken.ShouldSatisfyAllConditions(
            b => b!.Version.ShouldBe(3), b => b!.Reason.ShouldContain("re-sealed"));

        ChainVerifier.Verify(Stream, "kota-bekasi", events.Take(2).ToList(), anchored).FirstBroken.ShouldSatisfyAllConditions(
            b => b!.Version.ShouldBe(3), b => b!.Reason.ShouldContain("deleted after the anchor"));
    }

    [Fact]
    public void A_seal_downgraded_to_the_first_form_is_refused()
    {
        var events = Sealed(2);
        var legacy = HashChain.Link(events[0].Hash!, new LinkFields(1, "kota-bekasi", Stream, 2, "e", events[1].RecordedAt!, "who"), HashChain.Canonical(Encoding.UTF8.GetString(events[1].Data)));
        var downgraded = new List<StoredEvent> { events[0], events[1] with { Hash = legacy, Format = 1 } };
        ChainVerifier.Verify(Stream, "kota-bekasi", downgraded).FirstBroken!.Reason.ShouldContain("downgraded");
    }
}
