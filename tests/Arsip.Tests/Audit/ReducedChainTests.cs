using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Arsip.Audit;
using Arsip.Infrastructure;

namespace Arsip.Tests.Audit;

/// <summary>Pemusnahan reduces events in place: the chain holds when each reduced event matches what its later, sealed tombstone recorded.</summary>
public class ReducedChainTests
{
    private const string Tenant = "kota-bekasi";
    private static readonly Guid Stream = Guid.Parse("0194f5a0-0000-7000-8000-000000000002");
    private static readonly DateTimeOffset At = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private const string Registered = """{"LetterId":"0194f5a0-0000-7000-8000-000000000002","Subject":"Cuti tahunan","Remarks":"rahasia dapur"}""";
    private const string Reduced = """{"LetterId":"0194f5a0-0000-7000-8000-000000000002","Subject":"Cuti tahunan","Remarks":null}""";
    private const string Corrected = """{"LetterId":"0194f5a0-0000-7000-8000-000000000002","Changes":[{"Field":"subject","Before":"Cuti","After":"Cuti tahunan"}]}""";

    private static string Sha(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HashChain.Canonical(json))));

    private static LinkFields Fields(long version, string type) => new(HashChain.CurrentFormat, Tenant, Stream, version, type, HashChain.Instant(At), "arsiparis");

    /// <summary>Registered (then reduced), corrected (kept), the tombstone; returns the stored rows as the database holds them after destruction.</summary>
    private static List<StoredEvent> Destroyed(string? storedReduced = null, string? recordedReducedSha = null, bool withTombstone = true)
    {
        var link1 = HashChain.Link(HashChain.Genesis, Fields(1, "incoming_letter_registered"), HashChain.Canonical(Registered));
        var link2 = HashChain.Link(link1, Fields(2, "incoming_letter_corrected"), HashChain.Canonical(Corrected));
        var tombstone = new JsonObject
        {
            ["RecordId"] = Stream.ToString(), ["Reference"] = "BA-MUSNAH/1/2026",
            ["Reduced"] = new JsonArray(new JsonObject
            {
                ["Version"] = 1, ["Type"] = "incoming_letter_registered", ["OriginalSha256"] = Sha(Registered),
                ["ReducedSha256"] = recordedReducedSha ?? Sha(Reduced), ["Link"] = link1, ["Data"] = JsonNode.Parse(Reduced),
            }),
        }.ToJsonString();
        var link3 = HashChain.Link(link2, Fields(3, "incoming_letter_content_destroyed"), HashChain.Canonical(tombstone));
        StoredEvent Row(long version, string type, string data, string link) =>
            new(version, type, Encoding.UTF8.GetBytes(data), link, HashChain.Instant(At), "arsiparis", At, HashChain.CurrentFormat);
        var rows = new List<StoredEvent>
        {
            Row(1, "incoming_letter_registered", storedReduced ?? Reduced, link1),
            Row(2, "incoming_letter_corrected", Corrected, link2),
        };
        if (withTombstone) rows.Add(Row(3, "incoming_letter_content_destroyed", tombstone, link3));
        return rows;
    }

    [Fact]
    public void A_reduced_event_matching_its_tombstone_keeps_the_chain_intact_to_the_same_head()
    {
        var rows = Destroyed();
        var result = ChainVerifier.Verify(Stream, Tenant, rows);
        result.Intact.ShouldBeTrue(result.FirstBroken?.Reason);
        result.Head.ShouldBe(rows[^1].Hash);
    }

    [Fact]
    public void A_reduced_event_changed_afterwards_is_named_at_its_version()
    {
        var result = ChainVerifier.Verify(Stream, Tenant, Destroyed(storedReduced: Reduced.Replace("\"Remarks\":null", "\"Remarks\":\"disisipkan\"")));
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(1);
        result.FirstBroken.Reason.ShouldContain("pemusnahan");
    }

    [Fact]
    public void A_tombstone_rewritten_to_cover_a_changed_event_breaks_its_own_link()
    {
        var changed = Reduced.Replace("\"Remarks\":null", "\"Remarks\":\"disisipkan\"");
        var result = ChainVerifier.Verify(Stream, Tenant, Destroyed(storedReduced: changed, recordedReducedSha: Sha(changed)) is var rows
            ? rows.Select(r => r.Version == 3 ? r with { Hash = Destroyed()[2].Hash } : r).ToList() : []);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(3);
    }

    [Fact]
    public void Reduced_data_without_a_tombstone_is_a_changed_event()
    {
        var result = ChainVerifier.Verify(Stream, Tenant, Destroyed(withTombstone: false));
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(1);
    }
}
