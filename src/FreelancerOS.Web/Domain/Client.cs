namespace FreelancerOS.Web.Domain;

public class Client : OwnedEntity, IBoardCard<ClientStage>, ICreated
{
    ClientStage IBoardCard<ClientStage>.Column => Stage;

    public string Name { get; set; } = "";
    public string? Company { get; set; }
    public string? ContactPerson { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Position { get; set; }
    public string? Website { get; set; }

    /// <summary>Printed under "Bill to" on invoices, several lines.</summary>
    public string? BillingAddress { get; set; }

    /// <summary>The client's VAT number, printed on invoices (reverse charge needs it).</summary>
    public string? TaxId { get; set; }
    public ClientStage Stage { get; private set; } = ClientStage.Lead;

    /// <summary>Position of the card within its pipeline column, 0 first.</summary>
    public int SortOrder { get; private set; }

    public string Currency { get; set; } = "EUR";
    public decimal? DefaultHourlyRate { get; set; }

    /// <summary>The agreed value, typed by the user, net of tax (like invoiced amounts).</summary>
    public decimal ContractValue { get; set; }

    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Stage before archiving, so that restoring puts the card back where it was.</summary>
    public ClientStage? StageBeforeArchive { get; private set; }

    public void MoveTo(ClientStage stage, int sortOrder)
    {
        if (!Enum.IsDefined(stage))
            throw new DomainException("Unknown stage.", nameof(Stage));
        if (stage == ClientStage.Archived && Stage != ClientStage.Archived)
            StageBeforeArchive = Stage;
        Stage = stage;
        SortOrder = sortOrder;
    }

    public void Archive() => MoveTo(ClientStage.Archived, 0);

    public void Restore(int sortOrder)
    {
        if (Stage != ClientStage.Archived)
            throw new DomainException("Only an archived client can be restored.");
        MoveTo(StageBeforeArchive ?? ClientStage.Lead, sortOrder);
        StageBeforeArchive = null;
    }

    /// <summary>Invoiced amount as a share of the contract value; null when there is no contract value.</summary>
    public static int? InvoicedPercent(decimal invoiced, decimal contractValue) => Percent.Of(invoiced, contractValue);
}
