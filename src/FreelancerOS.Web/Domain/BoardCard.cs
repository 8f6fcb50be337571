namespace FreelancerOS.Web.Domain;

/// <summary>A card on a board: it sits in one column at a position (0 first).</summary>
public interface IBoardCard<TColumn>
{
    int Id { get; }
    TColumn Column { get; }
    int SortOrder { get; }
    void MoveTo(TColumn column, int sortOrder);
}

/// <summary>The one ordering rule every board shares.</summary>
public static class BoardOrder
{
    /// <summary>
    /// A drop on <paramref name="column"/>: the listed cards take that column in the listed order, and the
    /// column's other cards (hidden behind "show more", or added meanwhile in another tab) keep their order
    /// after them. Returns the columns whose cards changed: the target and every column a card came from.
    /// </summary>
    public static IReadOnlyList<TColumn> Apply<TCard, TColumn>(IReadOnlyCollection<TCard> cards, IReadOnlyList<int> order, TColumn column)
        where TCard : IBoardCard<TColumn>
        where TColumn : notnull
    {
        var byId = cards.ToDictionary(c => c.Id);
        var changed = new List<TColumn> { column };
        changed.AddRange(order.Select(id => byId[id].Column).Where(c => !changed.Contains(c)).Distinct());
        var rest = cards.Where(c => !order.Contains(c.Id) && EqualityComparer<TColumn>.Default.Equals(c.Column, column))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.Id);
        var position = 0;
        foreach (var id in order.Concat(rest))
        {
            var card = byId[id];
            // Unchanged cards are left alone so a drop on a long column writes only what moved.
            if (!EqualityComparer<TColumn>.Default.Equals(card.Column, column) || card.SortOrder != position) card.MoveTo(column, position);
            position++;
        }
        return changed;
    }
}
