using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class AgendaNumberingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Unit = Guid.Parse("01a20b48-0900-7b05-a93b-646f46488207");

    [Fact]
    public void The_agency_book_unless_numbering_is_per_unit_and_the_registrar_has_a_unit()
    {
        AgendaNumberingView.SequenceFor(null, Unit).ShouldBe("incoming-agenda");
        AgendaNumberingView.SequenceFor(new AgendaNumberingView { Scope = SequenceScope.Agency }, Unit).ShouldBe("incoming-agenda");
        AgendaNumberingView.SequenceFor(new AgendaNumberingView { Scope = SequenceScope.Unit }, Unit).ShouldBe($"incoming-agenda:{Unit}");
        AgendaNumberingView.SequenceFor(new AgendaNumberingView { Scope = SequenceScope.Unit }, null).ShouldBe("incoming-agenda");
    }

    private static AgendaNumberingDecision Set(AgendaNumberingView? current, SequenceScope? scope) =>
        SetAgendaNumberingHandler.Decide(new SetAgendaNumberingCommand(Admin, new SetAgendaNumbering(scope)), current, Now);

    private static readonly Arsip.Kernel.Caller Admin = new("kota", Guid.NewGuid(), "Admin", [], [], [Arsip.Kernel.Role.Administrator]);

    [Fact]
    public void Only_a_change_of_scope_is_an_event()
    {
        Set(null, SequenceScope.Agency).Decision.Events.ShouldBeEmpty();
        Set(null, SequenceScope.Unit).Decision.Events.Single().ShouldBe(new AgendaNumberingSet(SequenceScope.Unit, "Admin", Now));
        Set(new AgendaNumberingView { Scope = SequenceScope.Unit }, SequenceScope.Unit).Decision.Events.ShouldBeEmpty();
        var back = Set(new AgendaNumberingView { Scope = SequenceScope.Unit, SetBy = "Lama" }, SequenceScope.Agency);
        back.Decision.Events.OfType<AgendaNumberingSet>().Single().Scope.ShouldBe(SequenceScope.Agency);
        back.Response.ShouldBe(new AgendaNumberingResponse(SequenceScope.Agency, "Admin", Now));
    }

    [Fact]
    public void A_missing_scope_is_refused_and_an_unchanged_one_answers_the_numbering_in_force()
    {
        Set(null, null).Decision.Refusal!.Status.ShouldBe(400);
        var kept = new AgendaNumberingView { Scope = SequenceScope.Unit, SetBy = "Lama", SetAt = Now.AddDays(-1) };
        Set(kept, SequenceScope.Unit).Response.ShouldBe(new AgendaNumberingResponse(SequenceScope.Unit, "Lama", Now.AddDays(-1)));
    }
}
