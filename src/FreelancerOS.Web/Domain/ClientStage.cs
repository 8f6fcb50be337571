namespace FreelancerOS.Web.Domain;

public enum ClientStage
{
    Lead = 0,
    Negotiation = 1,
    Client = 2,
    Archived = 3,
}

public static class ClientStages
{
    /// <summary>The stages shown as columns on the pipeline board, in order.</summary>
    public static readonly IReadOnlyList<ClientStage> Board = [ClientStage.Lead, ClientStage.Negotiation, ClientStage.Client];
}
