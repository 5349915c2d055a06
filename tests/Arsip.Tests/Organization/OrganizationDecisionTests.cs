using Arsip.Access;
using Arsip.Organization;

namespace Arsip.Tests.Organization;

public class OrganizationDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly Guid UnitId = Guid.NewGuid(), PositionId = Guid.NewGuid(), PersonId = Guid.NewGuid();

    private static Unit Setda() => Unit.Create(new UnitEstablished(UnitId, "Setda", "Sekretariat Daerah", null));
    private static Position Sekda() => Position.Create(new PositionCreated(PositionId, "Sekretaris Daerah", UnitId, null, [Role.Official]));
    private static Person Analis() => Person.Create(new PersonRegistered(PersonId, "analis", "Analis Kelembagaan", null, null, "hash"));

    [Fact]
    public void A_unit_needs_a_code_without_slash_a_name_an_existing_parent_and_a_free_code()
    {
        static EstablishUnitCommand Establish(string? code, string? name = "Bagian Umum", Guid? parent = null) => new(UnitId, new EstablishUnit(code, name, parent));
        EstablishUnitHandler.Decide(Establish("A/B"), false, false).Refusal!.Status.ShouldBe(400);
        EstablishUnitHandler.Decide(Establish("UM", " "), false, false).Refusal!.Status.ShouldBe(400);
        EstablishUnitHandler.Decide(Establish("UM", parent: Guid.NewGuid()), parentExists: false, false).Refusal!.Status.ShouldBe(400);
        EstablishUnitHandler.Decide(Establish(" UM "), false, codeTaken: true).Refusal!.Detail!.ShouldContain("UM sudah dipakai");
        EstablishUnitHandler.Decide(Establish(" UM ", " Bagian Umum "), false, false).Events
            .ShouldBe([new UnitEstablished(UnitId, "UM", "Bagian Umum", null)]);
    }

    [Fact]
    public void Renaming_to_the_same_name_records_nothing_and_a_missing_unit_is_404()
    {
        RenameUnitHandler.Decide(new(UnitId, new RenameUnit("Setda Baru", null)), Setda()).Refusal!.Status.ShouldBe(400);
        RenameUnitHandler.Decide(new(UnitId, new RenameUnit("Setda Baru", "SOTK")), null).Refusal!.Status.ShouldBe(404);
        RenameUnitHandler.Decide(new(UnitId, new RenameUnit(" Sekretariat Daerah ", "SOTK")), Setda()).Events.ShouldBeEmpty();
        RenameUnitHandler.Decide(new(UnitId, new RenameUnit("Setda Baru", " SOTK ")), Setda()).Events.ShouldBe([new UnitRenamed(UnitId, "Setda Baru", "SOTK")]);
    }

    [Fact]
    public void A_position_needs_an_existing_unit_and_superior_and_its_roles_once_each()
    {
        var id = Guid.NewGuid();
        CreatePositionHandler.Decide(new(id, new CreatePosition("Kabag", null, null, null)), true, false).Refusal!.Status.ShouldBe(400);
        CreatePositionHandler.Decide(new(id, new CreatePosition("Kabag", UnitId, PositionId, null)), true, superiorExists: false).Refusal!.Status.ShouldBe(400);
        CreatePositionHandler.Decide(new(id, new CreatePosition(" Kabag ", UnitId, null, [Role.Official, Role.Official])), true, false).Events
            .ShouldHaveSingleItem().ShouldBeOfType<PositionCreated>().ShouldSatisfyAllConditions(
                p => p.Title.ShouldBe("Kabag"), p => p.Roles.ShouldBe([Role.Official]), p => p.PositionId.ShouldBe(id));
    }

    [Fact]
    public void A_position_cannot_report_to_itself_and_an_unchanged_placement_records_nothing()
    {
        MovePositionHandler.Decide(new(PositionId, new MovePosition(UnitId, null)), null, true, false).Refusal!.Status.ShouldBe(404);
        MovePositionHandler.Decide(new(PositionId, new MovePosition(UnitId, PositionId)), Sekda(), true, true).Refusal!.Status.ShouldBe(400);
        MovePositionHandler.Decide(new(PositionId, new MovePosition(UnitId, null)), Sekda(), true, false).Events.ShouldBeEmpty();
        var other = Guid.NewGuid();
        MovePositionHandler.Decide(new(PositionId, new MovePosition(other, null)), Sekda(), true, false).Events
            .ShouldBe([new PositionMoved(PositionId, other, null)]);
    }

    [Fact]
    public void A_person_is_registered_with_a_hashed_password_and_assigned_from_today()
    {
        var id = Guid.NewGuid();
        RegisterPersonCommand Register(string userName, string password = "sandi-cukup-panjang") => new(id, new RegisterPerson(userName, "Analis", null, null, password, PositionId));
        RegisterPersonHandler.Decide(Register("ana lis"), true, false, Today, p => p).Refusal!.Status.ShouldBe(400);
        RegisterPersonHandler.Decide(Register("analis", "pendek"), true, false, Today, p => p).Refusal!.Status.ShouldBe(400);
        RegisterPersonHandler.Decide(Register("analis"), positionExists: false, false, Today, p => p).Refusal!.Status.ShouldBe(400);
        RegisterPersonHandler.Decide(Register("analis"), true, userNameTaken: true, Today, p => p).Refusal!.Status.ShouldBe(409);
        RegisterPersonHandler.Decide(Register(" analis "), true, false, Today, p => "hashed:" + p).Events.ShouldBe(
            [new PersonRegistered(id, "analis", "Analis", null, null, "hashed:sandi-cukup-panjang"), new PersonAssigned(id, PositionId, Today)]);
    }

    [Fact]
    public void Reassigning_to_the_held_position_records_nothing()
    {
        var person = Analis();
        ReassignPersonHandler.Decide(new(PersonId, new ReassignPerson(PositionId)), null, true, Today).Refusal!.Status.ShouldBe(404);
        ReassignPersonHandler.Decide(new(PersonId, new ReassignPerson(PositionId)), person, positionExists: false, Today).Refusal!.Status.ShouldBe(400);
        var assigned = ReassignPersonHandler.Decide(new(PersonId, new ReassignPerson(PositionId)), person, true, Today).Events.Single();
        assigned.ShouldBe(new PersonAssigned(PersonId, PositionId, Today));
        person.Apply((PersonAssigned)assigned);
        ReassignPersonHandler.Decide(new(PersonId, new ReassignPerson(PositionId)), person, true, Today).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Acting_assignments_for_one_position_may_not_overlap()
    {
        var from = Today;
        AssignActingCommand Act(DateOnly start, DateOnly until) => new(PersonId, new AssignActing(PositionId, ActingKind.Plt, start, until));
        var holder = Person.Create(new PersonRegistered(Guid.NewGuid(), "kabag", "Kabag Umum", null, null, "h"));
        holder.Apply(new ActingAssigned(holder.Id, PositionId, ActingKind.Plh, from.AddDays(5), from.AddDays(9)));

        AssignActingHandler.Decide(new(PersonId, new AssignActing(PositionId, null, from, from)), Analis(), Sekda(), []).Refusal!.Status.ShouldBe(400);
        AssignActingHandler.Decide(Act(from.AddDays(2), from), Analis(), Sekda(), []).Refusal!.Status.ShouldBe(400);
        AssignActingHandler.Decide(Act(from, from.AddDays(4)), null, Sekda(), []).Refusal!.Status.ShouldBe(404);
        AssignActingHandler.Decide(Act(from, from.AddDays(4)), Analis(), null, []).Refusal!.Status.ShouldBe(400);
        AssignActingHandler.Decide(Act(from, from.AddDays(5)), Analis(), Sekda(), [holder]).Refusal!.Detail!.ShouldContain("Kabag Umum sudah menjadi Plh");
        var acting = AssignActingHandler.Decide(Act(from, from.AddDays(4)), Analis(), Sekda(), [holder]).Events.ShouldHaveSingleItem();
        var person = Analis();
        person.Apply((ActingAssigned)acting);
        AssignActingHandler.Decide(Act(from, from.AddDays(4)), person, Sekda(), [person]).Events.ShouldBeEmpty();
    }
}

public class AccountDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Caller Analis = new("kota-bekasi", Guid.NewGuid(), "Analis", [], [], []);

    [Fact]
    public void A_token_is_stored_as_its_hash_and_revoked_once()
    {
        var id = Guid.NewGuid();
        IssueApiTokenHandler.Decide(new(Analis, new IssueApiToken(" "), id, "arsip_x_1"), Now).Refusal!.Status.ShouldBe(400);
        var issued = IssueApiTokenHandler.Decide(new(Analis, new IssueApiToken(" CI "), id, "arsip_x_1"), Now).Events.Single().ShouldBeOfType<ApiTokenIssued>();
        issued.ShouldBe(new ApiTokenIssued(Analis.PersonId, id, "CI", Authentication.HashToken("arsip_x_1"), Now));

        var person = new Person { Id = Analis.PersonId };
        RevokeApiTokenHandler.Decide(new(Analis, id), person, Now).Refusal!.Status.ShouldBe(404);
        person.Apply(issued);
        var revoked = RevokeApiTokenHandler.Decide(new(Analis, id), person, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<ApiTokenRevoked>();
        person.Apply(revoked);
        person.ActiveTokenHashes.ShouldBeEmpty();
        RevokeApiTokenHandler.Decide(new(Analis, id), person, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Signing_out_ends_every_session_with_a_new_stamp()
    {
        SignOutHandler.Decide(new SignOutCommand(Analis), Now, "stamp-9").Events
            .ShouldBe([new SessionsEnded(Analis.PersonId, "stamp-9", SessionEndReason.SignedOut, Now)]);
    }
}
