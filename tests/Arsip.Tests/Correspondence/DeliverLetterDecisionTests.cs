using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Correspondence;

public sealed class DeliverLetterDecisionTests
{
    // kota-bekasi's shape: Bagian Umum (the registry) under the Sekretariat Daerah; the Dinas Kesehatan beside it
    private static readonly Guid Setda = Guid.NewGuid(), Umum = Guid.NewGuid(), Dinkes = Guid.NewGuid(), TuDinkes = Guid.NewGuid(), Puskesmas = Guid.NewGuid();
    private static readonly Unit[] Units =
    [
        new() { Id = Setda, Code = "Setda" }, new() { Id = Umum, Code = "Umum", ParentId = Setda },
        new() { Id = Dinkes, Code = "Dinkes" }, new() { Id = Puskesmas, Code = "PKM", ParentId = Dinkes },
    ];
    private static readonly Position Kadinkes = new() { Id = Guid.NewGuid(), Title = "Kepala Dinas Kesehatan", UnitId = Dinkes, Roles = [Role.Official] };
    private static readonly Position Kapuskesmas = new() { Id = Guid.NewGuid(), Title = "Kepala Puskesmas", UnitId = Puskesmas, Roles = [Role.Official] };
    private static readonly Position Registry = new() { Id = Guid.NewGuid(), Title = "Pengadministrasi Umum", UnitId = Umum, Roles = [Role.Registrar] };
    private static readonly Position Sekda = new() { Id = Guid.NewGuid(), Title = "Sekretaris Daerah", UnitId = Setda, Roles = [Role.Official] };

    private static DeliverLetter Letter(string addressee) => new(Guid.NewGuid(), "kab-bekasi", Guid.NewGuid(), "Sekretaris Daerah Kabupaten Bekasi",
        "000.1/5/Setda/2026", new DateOnly(2026, 12, 1), "Undangan rapat", "000.1", SecurityLevel.Biasa, Urgency.Segera, null, addressee, IsCopy: false);

    [Fact]
    public void A_letter_to_the_Sekda_is_registered_by_the_registry_under_the_Sekretariat_whatever_the_case_of_the_title()
    {
        var routing = DeliverLetterHandler.Decide(Letter("SEKRETARIS DAERAH"), "kota-bekasi", [Sekda, Registry, Kadinkes], Units);
        routing.Addressee.ShouldBe(Sekda);
        routing.Registrar.Units.ShouldBe([Umum]);
        routing.Registrar.Agency.ShouldBe("kota-bekasi");
        routing.Content.Subject.ShouldBe("Undangan rapat");
    }

    [Fact]
    public void A_unit_with_its_own_registry_registers_the_letters_to_it_and_to_the_units_below_it()
    {
        var tataUsaha = new Position { Id = Guid.NewGuid(), Title = "Pengadministrasi Dinas Kesehatan", UnitId = Dinkes, Roles = [Role.Registrar] };
        DeliverLetterHandler.Decide(Letter("Kepala Dinas Kesehatan"), "kota-bekasi", [Sekda, Registry, Kadinkes, tataUsaha], Units).Registrar.Units.ShouldBe([Dinkes]);
        DeliverLetterHandler.Decide(Letter("Kepala Puskesmas"), "kota-bekasi", [Sekda, Registry, Kapuskesmas, tataUsaha], Units).Registrar.Units.ShouldBe([Dinkes]);
    }

    [Fact]
    public void A_unit_without_a_registry_near_it_is_served_by_the_agency_s_registry()
    {
        var routing = DeliverLetterHandler.Decide(Letter("Kepala Dinas Kesehatan"), "kota-bekasi", [Sekda, Registry, Kadinkes], Units);
        routing.Addressee.ShouldBe(Kadinkes);
        routing.Registrar.Units.ShouldBe([Umum]);
    }

    [Fact]
    public void A_letter_naming_no_known_position_is_registered_by_the_registry_without_an_addressee()
    {
        var routing = DeliverLetterHandler.Decide(Letter("Kepala Badan Entah"), "kota-bekasi", [Sekda, Registry, Kadinkes], Units);
        routing.Addressee.ShouldBeNull();
        routing.Registrar.Units.ShouldBe([Umum]);
    }

    [Fact]
    public void Without_a_registry_the_addressee_s_unit_registers_it_and_without_either_no_unit_does()
    {
        DeliverLetterHandler.Decide(Letter("Sekretaris Daerah"), "kota-bekasi", [Sekda], Units).Registrar.Units.ShouldBe([Setda]);
        DeliverLetterHandler.Decide(Letter("Kepala Badan Entah"), "kota-bekasi", [Sekda], Units).Registrar.Units.ShouldBeEmpty();
    }
}
