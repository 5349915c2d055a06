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

    [Fact]
    public void Each_link_equals_the_string_definition()
    {
        using var hasher = new ChainHasher();
        var previous = HashChain.Genesis;
        foreach (var json in Samples)
        {
            var expected = HashChain.Link(previous, "incoming_letter_corrected", HashChain.Canonical(json), "2026-11-24T02:00:00.0000000+00:00", "Budi Santoso (p) [a,b]");
            hasher.Next(Encoding.UTF8.GetBytes(json), "incoming_letter_corrected", "2026-11-24T02:00:00.0000000+00:00", "Budi Santoso (p) [a,b]").ShouldBe(expected, json);
            hasher.Head.ShouldBe(expected);
            previous = expected;
        }
    }

    [Fact]
    public void Key_order_and_spacing_do_not_change_a_link_but_content_does()
    {
        using var first = new ChainHasher();
        using var second = new ChainHasher();
        first.Next(Encoding.UTF8.GetBytes("""{"b":1,"a":"x"}"""), "t", "at", "who").ShouldBe(second.Next(Encoding.UTF8.GetBytes("""{ "a" : "x",  "b" : 1 }"""), "t", "at", "who"));
        using var third = new ChainHasher();
        third.Next(Encoding.UTF8.GetBytes("""{"b":2,"a":"x"}"""), "t", "at", "who").ShouldNotBe(first.Head);
    }

    [Fact]
    public void A_mismatch_is_reported_and_leaves_the_head_at_the_last_good_link()
    {
        using var hasher = new ChainHasher();
        var good = HashChain.Link(HashChain.Genesis, "t", HashChain.Canonical("""{"a":1}"""), "at", "who");
        hasher.NextMatches(Encoding.UTF8.GetBytes("""{"a":1}"""), "t", "at", "who", good).ShouldBeTrue();
        hasher.NextMatches(Encoding.UTF8.GetBytes("""{"a":2}"""), "t", "at", "who", new string('f', 64)).ShouldBeFalse();
        hasher.Head.ShouldBe(good);
    }

    [Fact]
    public void Verification_finds_an_edited_a_missing_and_a_moved_event()
    {
        var events = new List<StoredEvent>();
        var previous = HashChain.Genesis;
        for (var v = 1; v <= 4; v++)
        {
            var json = $$"""{"Version":{{v}},"Remarks":"catatan {{v}}"}""";
            previous = HashChain.Link(previous, "e", HashChain.Canonical(json), "at", "who");
            events.Add(new StoredEvent(v, "e", Encoding.UTF8.GetBytes(json), previous, "at", "who"));
        }
        var id = Guid.NewGuid();
        ChainVerifier.Verify(id, events).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Head.ShouldBe(previous));

        var edited = events.ToList();
        edited[2] = edited[2] with { Data = Encoding.UTF8.GetBytes("""{"Version":3,"Remarks":"diubah"}""") };
        ChainVerifier.Verify(id, edited).FirstBroken!.Version.ShouldBe(3);

        ChainVerifier.Verify(id, events.Where(e => e.Version != 2).ToList()).FirstBroken!.Version.ShouldBe(2);

        var moved = new List<StoredEvent> { events[0], events[2] with { Version = 2 }, events[1] with { Version = 3 }, events[3] };
        ChainVerifier.Verify(id, moved).FirstBroken!.Version.ShouldBe(2);
    }
}
