using Arsip.Onboarding;
using Arsip.Organization;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Tests.Onboarding;

public class CreateAgencyDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static CreateAgencyCommand Command(string id = "kab-garut", string? zone = "WIT", string password = "sandi-awal-2026") => new(
        new CreateAgency(id, "Pemerintah Kabupaten Garut", AgencyKind.PemerintahKabupaten, zone, new FirstAdministrator("admin.garut", "Asep", null, password)),
        Guid.CreateVersion7(Now), Guid.CreateVersion7(Now), Guid.CreateVersion7(Now), "Operator");

    private static Outcome<AgencySetup> Decide(CreateAgencyCommand command, bool idTaken = false) =>
        CreateAgencyHandler.Decide(command, idTaken, CreateAgencyHandler.ParseScheme(null), Now, p => $"hash:{p}");

    [Fact]
    public void An_agency_starts_with_its_registry_entry_and_its_own_first_streams()
    {
        var command = Command();
        var outcome = Decide(command);
        outcome.Decision.Events.ShouldBe([new AgencyCreated("kab-garut", "Pemerintah Kabupaten Garut", AgencyKind.PemerintahKabupaten, "Asia/Jayapura", "admin.garut", "Operator", Now)]);
        var streams = outcome.Value!.Streams;
        streams.Select(s => s.Aggregate).ShouldBe([typeof(Unit), typeof(Position), typeof(Person), typeof(LetterheadView), typeof(WorkingCalendarView), typeof(ClassificationSchemeView)]);
        streams[2].Events.OfType<PersonRegistered>().Single().PasswordHash.ShouldBe("hash:sandi-awal-2026");
        streams[2].Events.ShouldContain(new PasswordChangeRequired(command.PersonId));
        streams[1].Events.OfType<PositionCreated>().Single().Roles.ShouldBe([Role.Administrator]);
        streams[3].Events.OfType<LetterheadSet>().Single().Letterhead.NameLines.ShouldBe(["PEMERINTAH KABUPATEN GARUT"]);
    }

    [Fact]
    public void A_taken_id_is_a_conflict_and_bad_fields_are_named()
    {
        Decide(Command(), idTaken: true).Decision.Refusal!.Status.ShouldBe(409);
        ((ValidationProblemDetails)Decide(Command(id: "instalasi")).Decision.Refusal!).Errors.Keys.ShouldBe(["id"]);
        ((ValidationProblemDetails)Decide(Command(zone: "UTC")).Decision.Refusal!).Errors.Keys.ShouldBe(["timeZone"]);
        ((ValidationProblemDetails)Decide(Command(password: "pendek")).Decision.Refusal!).Errors.Keys.ShouldBe(["administrator.password"]);
        Decide(Command(password: "pendek"), idTaken: true).Decision.Refusal!.Status.ShouldBe(400, "bad input is named before the conflict");
    }

    [Fact]
    public void Agency_stream_ids_are_stable_per_id_and_distinct_between_ids()
    {
        AgencyStreams.For("kab-garut").ShouldBe(AgencyStreams.For("kab-garut"));
        AgencyStreams.For("kab-garut").ShouldNotBe(AgencyStreams.For("kota-garut"));
    }
}
