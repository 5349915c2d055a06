using Arsip.ReferenceData;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Tests.Records;

public class LegalHoldDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid NewId = Guid.NewGuid(), Letter = Guid.NewGuid(), File = Guid.NewGuid(), Unit = Guid.NewGuid();
    private static readonly HoldTargetLookup Found = new(true, true);

    private static Caller As(params Role[] roles) => new("kota-bekasi", Guid.NewGuid(), "Rina Arsiparis", [], [Unit], roles);

    private static Decision Place(PlaceLegalHold body, Caller? caller = null, LegalHold? existing = null, HoldTargetLookup? lookup = null) =>
        PlaceLegalHoldHandler.Decide(new(caller ?? As(Role.Archivist), body), existing, lookup ?? Found, NewId, Now);

    private static PlaceLegalHold OnLetter(string? reason = "Pemeriksaan BPK", string? reference = "LHP 12/2026") => new(null, Letter, null, null, reason, reference);

    private static void ShouldRefuse(Decision d, int status, string? field = null)
    {
        d.Refused.ShouldBeTrue();
        d.Events.ShouldBeEmpty();
        d.Refusal!.Status.ShouldBe(status);
        if (field is not null) ((ValidationProblemDetails)d.Refusal).Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public void A_hold_on_a_letter_starts_the_hold_and_is_recorded_on_the_letter()
    {
        var d = Place(OnLetter(" Pemeriksaan BPK ", " LHP 12/2026 "));
        var placed = d.Events[0].ShouldBeOfType<LegalHoldPlaced>();
        placed.ShouldBe(placed with { HoldId = NewId, Target = HoldTarget.Letter, LetterId = Letter, Reason = "Pemeriksaan BPK", Reference = "LHP 12/2026", PlacedAt = Now });
        d.Events[1].ShouldBe(new RecordHeld(Letter, NewId, "Pemeriksaan BPK", "LHP 12/2026", "Rina Arsiparis", Now));
    }

    [Fact]
    public void A_hold_on_a_berkas_is_recorded_on_the_berkas_and_a_query_hold_on_no_record()
    {
        var onFile = Place(new PlaceLegalHold(null, null, File, null, "Gugatan", "Perkara 7/G/2026"));
        onFile.Events.OfType<RecordHeld>().Single().RecordId.ShouldBe(File);
        var onQuery = Place(new PlaceLegalHold(null, null, null, new HoldQuery(" 800 ", "  ", null, null, null), "Audit", "ST-1"));
        onQuery.Events.Single().ShouldBeOfType<LegalHoldPlaced>().Query.ShouldBe(new HoldQuery("800", null, null, null, null));
    }

    [Theory]
    [InlineData(Role.Archivist)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Administrator)]
    public void Archivists_auditors_and_administrators_place_holds(Role role) => Place(OnLetter(), As(role)).Refused.ShouldBeFalse();

    [Theory]
    [InlineData(Role.Registrar)]
    [InlineData(Role.Official)]
    public void Others_are_refused(Role role) => ShouldRefuse(Place(OnLetter(), As(role)), 403);

    [Fact]
    public void Reason_and_reference_are_required_and_bounded()
    {
        ShouldRefuse(Place(OnLetter(reason: " ")), 400, "reason");
        ShouldRefuse(Place(OnLetter(reference: null)), 400, "reference");
        ShouldRefuse(Place(OnLetter(reason: new string('x', 2001))), 400, "reason");
        Place(OnLetter(reason: new string('x', 2000))).Refused.ShouldBeFalse();
    }

    [Fact]
    public void Exactly_one_target_and_a_query_with_at_least_one_good_part()
    {
        ShouldRefuse(Place(new PlaceLegalHold(null, Letter, File, null, "a", "b")), 400, "target");
        ShouldRefuse(Place(new PlaceLegalHold(null, null, null, null, "a", "b")), 400, "target");
        ShouldRefuse(Place(new PlaceLegalHold(null, null, null, new HoldQuery(" ", null, null, null, null), "a", "b")), 400, "query");
        ShouldRefuse(Place(new PlaceLegalHold(null, null, null, new HoldQuery("8", null, null, null, null), "a", "b")), 400, "query.classificationPrefix");
        ShouldRefuse(Place(new PlaceLegalHold(null, null, null, new HoldQuery(null, null, new(2026, 2, 1), new(2026, 1, 1), null), "a", "b")), 400, "query.to");
        ShouldRefuse(Place(new PlaceLegalHold(null, null, null, new HoldQuery(null, null, null, null, Unit), "a", "b"), lookup: new(true, false)), 400, "query.unitId");
    }

    [Fact]
    public void An_unknown_or_invisible_target_is_not_found() => ShouldRefuse(Place(OnLetter(), lookup: new(false, true)), 404);

    [Fact]
    public void A_resend_with_the_same_id_and_content_changes_nothing_and_a_different_one_conflicts()
    {
        var first = Place(OnLetter() with { Id = NewId }).Events.OfType<LegalHoldPlaced>().Single();
        var existing = LegalHold.Create(first);
        var same = Place(OnLetter() with { Id = NewId }, existing: existing);
        same.Refused.ShouldBeFalse();
        same.Events.ShouldBeEmpty();
        ShouldRefuse(Place(OnLetter(reference: "lain") with { Id = NewId }, existing: existing), 409);
    }

    [Fact]
    public void Releasing_needs_the_role_a_reason_and_an_active_hold()
    {
        var hold = LegalHold.Create(Place(OnLetter()).Events.OfType<LegalHoldPlaced>().Single());
        Decision Release(LegalHold? h, string? reason = "Perkara selesai", Caller? caller = null) =>
            ReleaseLegalHoldHandler.Decide(new(NewId, caller ?? As(Role.Auditor), new(reason)), h, Now);

        ShouldRefuse(Release(null), 404);
        ShouldRefuse(Release(hold, caller: As(Role.Registrar)), 403);
        ShouldRefuse(Release(hold, reason: ""), 400, "reason");
        var released = Release(hold);
        released.Events.ShouldBe([
            new LegalHoldReleased(hold.Id, "Perkara selesai", ((LegalHoldReleased)released.Events[0]).ReleasedByPersonId, "Rina Arsiparis", Now),
            new RecordHoldReleased(Letter, hold.Id, "Perkara selesai", "Rina Arsiparis", Now),
        ]);
        hold.Apply((LegalHoldReleased)released.Events[0]);
        ShouldRefuse(Release(hold), 409);
    }
}

public class HoldCoverageTests
{
    private static readonly Guid Letter = Guid.NewGuid(), File = Guid.NewGuid(), UnitA = Guid.NewGuid(), UnitB = Guid.NewGuid();

    private static HeldLetterFacts Facts(string classification = "800.1.2", string sender = "Badan Pemeriksa Keuangan", Guid? caseFile = null, Guid? caseFileUnit = null) =>
        new(Letter, classification, sender, new DateOnly(2026, 3, 15), [UnitA], caseFile, caseFileUnit);

    private static LegalHold Hold(HoldTarget target, Guid? letter = null, Guid? file = null, HoldQuery? query = null, bool active = true) => new()
    {
        Id = Guid.NewGuid(), Target = target, LetterId = letter, CaseFileId = file, Query = query, Active = active,
    };

    [Theory]
    [InlineData("800", true)]
    [InlineData("800.1", true)]
    [InlineData("800.1.2", true)]
    [InlineData("800.1.2.4", false)]
    [InlineData("800.11", false)]
    [InlineData("80", false)]
    public void Classification_matches_the_code_and_everything_below(string prefix, bool matches) =>
        LegalHolds.Matches(new HoldQuery(prefix, null, null, null, null), Facts()).ShouldBe(matches);

    [Fact]
    public void Every_given_part_must_match()
    {
        LegalHolds.Matches(new HoldQuery(null, "pemeriksa", null, null, null), Facts()).ShouldBeTrue();
        LegalHolds.Matches(new HoldQuery(null, "Inspektorat", null, null, null), Facts()).ShouldBeFalse();
        LegalHolds.Matches(new HoldQuery(null, null, new(2026, 3, 15), new(2026, 3, 15), null), Facts()).ShouldBeTrue();
        LegalHolds.Matches(new HoldQuery(null, null, new(2026, 3, 16), null, null), Facts()).ShouldBeFalse();
        LegalHolds.Matches(new HoldQuery(null, null, null, new(2026, 3, 14), null), Facts()).ShouldBeFalse();
        LegalHolds.Matches(new HoldQuery("800", "pemeriksa", null, null, UnitB), Facts()).ShouldBeFalse();
        LegalHolds.Matches(new HoldQuery("800", "pemeriksa", null, null, UnitA), Facts()).ShouldBeTrue();
    }

    [Fact]
    public void A_unit_matches_through_the_berkas_the_letter_is_in() =>
        LegalHolds.Matches(new HoldQuery(null, null, null, null, UnitB), Facts(caseFile: File, caseFileUnit: UnitB)).ShouldBeTrue();

    [Fact]
    public void Active_holds_on_the_letter_its_berkas_or_a_matching_query_cover_it()
    {
        var onLetter = Hold(HoldTarget.Letter, letter: Letter);
        var onFile = Hold(HoldTarget.CaseFile, file: File);
        var onOtherFile = Hold(HoldTarget.CaseFile, file: Guid.NewGuid());
        var query = Hold(HoldTarget.Query, query: new HoldQuery("800", null, null, null, null));
        var otherQuery = Hold(HoldTarget.Query, query: new HoldQuery("900", null, null, null, null));
        var released = Hold(HoldTarget.Letter, letter: Letter, active: false);
        LegalHolds.Covering([onLetter, onFile, onOtherFile, query, otherQuery, released], Facts(caseFile: File))
            .ShouldBe([onLetter, onFile, query]);
        LegalHolds.Covering([onFile], Facts()).ShouldBeEmpty();
    }
}

public class DueListRulesTests
{
    [Fact]
    public void The_period_is_the_local_month_or_year_of_the_date()
    {
        DueListQueries.Period(DueScope.Month, new(2028, 2, 10)).ShouldBe((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)));
        DueListQueries.Period(DueScope.Year, new(2028, 2, 10)).ShouldBe((new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31)));
    }

    [Fact]
    public void Unit_members_read_their_unit_and_agency_wide_roles_read_everything()
    {
        var unit = Guid.NewGuid();
        var member = new Caller("a", Guid.NewGuid(), "x", [], [unit], [Role.Registrar]);
        DueListQueries.MayRead(member, unit).ShouldBeTrue();
        DueListQueries.MayRead(member, Guid.NewGuid()).ShouldBeFalse();
        DueListQueries.MayRead(member, null).ShouldBeFalse();
        DueListQueries.MayRead(member with { Roles = [Role.Archivist] }, null).ShouldBeTrue();
    }

    [Fact]
    public void The_daily_check_runs_at_the_next_local_morning()
    {
        var wib = AgencyTime.Default;
        // 23:30 UTC on 30 Nov is 06:30 WIB on 1 Dec: today's 07:00 WIB is still ahead
        RecordsDueReminder.NextRun(wib, new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), new(7, 0))
            .ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        RecordsDueReminder.NextRun(wib, new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new(7, 0))
            .ShouldBe(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_reminder_is_recorded_once_a_day_and_only_when_something_came_due()
    {
        var file = new CaseFile { Id = Guid.NewGuid() };
        var now = DateTimeOffset.UnixEpoch;
        var day = new DateOnly(2028, 12, 1);
        RecordsDueReminder.Decide(null, day, [file], [], 1, 0, now)!.ShouldBe(new RecordsCameDue("records-due:2028-12-01", day, [file.Id], 1, [], 0, now), new RecordsCameDueComparer());
        RecordsDueReminder.Decide(day, day, [file], [], 1, 0, now).ShouldBeNull();
        RecordsDueReminder.Decide(day.AddDays(-1), day, [], [], 0, 0, now).ShouldBeNull();
    }

    private sealed class RecordsCameDueComparer : IEqualityComparer<RecordsCameDue>
    {
        public bool Equals(RecordsCameDue? x, RecordsCameDue? y) =>
            x is not null && y is not null && x.Key == y.Key && x.Day == y.Day && x.BecameInactive.SequenceEqual(y.BecameInactive)
            && x.BecameInactiveCount == y.BecameInactiveCount && x.RetentionEnded.SequenceEqual(y.RetentionEnded) && x.RetentionEndedCount == y.RetentionEndedCount && x.At == y.At;

        public int GetHashCode(RecordsCameDue obj) => obj.Key.GetHashCode();
    }
}
