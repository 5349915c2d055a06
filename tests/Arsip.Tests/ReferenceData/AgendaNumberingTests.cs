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

    [Fact]
    public void Only_a_change_of_scope_is_an_event()
    {
        SetAgendaNumberingEndpoint.Decide(null, SequenceScope.Agency, "Admin", Now).ShouldBeNull();
        SetAgendaNumberingEndpoint.Decide(null, SequenceScope.Unit, "Admin", Now).ShouldBe(new AgendaNumberingSet(SequenceScope.Unit, "Admin", Now));
        SetAgendaNumberingEndpoint.Decide(new AgendaNumberingView { Scope = SequenceScope.Unit }, SequenceScope.Unit, "Admin", Now).ShouldBeNull();
        SetAgendaNumberingEndpoint.Decide(new AgendaNumberingView { Scope = SequenceScope.Unit }, SequenceScope.Agency, "Admin", Now)!.Scope.ShouldBe(SequenceScope.Agency);
    }
}
