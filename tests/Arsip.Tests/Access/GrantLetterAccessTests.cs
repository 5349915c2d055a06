using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Access;

public class GrantLetterAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Position = Guid.NewGuid();
    private static readonly Caller Holder = new("kota-bekasi", Guid.NewGuid(), "Reny", [Position], [], [Role.Official]);
    private static readonly Person Colleague = new() { Id = Guid.NewGuid(), FullName = "Agus" };

    [Fact]
    public void Only_a_position_holding_the_letter_grants_and_a_grant_is_recorded_once()
    {
        var letter = new IncomingLetterView { Id = Guid.NewGuid(), AccessTokens = [LetterAccess.PositionToken(Position)] };
        GrantLetterAccessCommand Grant(Caller caller, Guid? person, string? reason = "telaah") => new(letter.Id, caller, new GrantLetterAccess(person, reason));

        GrantLetterAccessHandler.Decide(Grant(Holder, null), letter, true, null, Now).Refusal!.Status.ShouldBe(400);
        GrantLetterAccessHandler.Decide(Grant(Holder, Colleague.Id, " "), letter, true, Colleague, Now).Refusal!.Status.ShouldBe(400);
        GrantLetterAccessHandler.Decide(Grant(Holder, Colleague.Id), letter, visible: false, Colleague, Now).Refusal!.Status.ShouldBe(404);
        var auditor = Holder with { Positions = [Guid.NewGuid()], Roles = [Role.Auditor] };
        GrantLetterAccessHandler.Decide(Grant(auditor, Colleague.Id), letter, true, Colleague, Now).Refusal!.Status.ShouldBe(403);
        GrantLetterAccessHandler.Decide(Grant(Holder, Guid.NewGuid()), letter, true, null, Now).Refusal!.Status.ShouldBe(400);

        var granted = GrantLetterAccessHandler.Decide(Grant(Holder, Colleague.Id, " telaah "), letter, true, Colleague, Now).Events.Single().ShouldBeOfType<LetterAccessGranted>();
        (granted.PersonId, granted.PersonName, granted.Reason, granted.GrantedBy).ShouldBe((Colleague.Id, "Agus", "telaah", "Reny"));
        letter.GrantedPersonIds.Add(Colleague.Id);
        GrantLetterAccessHandler.Decide(Grant(Holder, Colleague.Id), letter, true, Colleague, Now).Events.ShouldBeEmpty();
    }
}
