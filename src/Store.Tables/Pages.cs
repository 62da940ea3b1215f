using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>Pages read one row past the limit: the extra row says there is a next page, whose cursor is the last item's key.</summary>
internal static class Pages
{
    public static Page<T> Of<T>(List<T> items, int limit, Func<T, string> cursor)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveRange(limit, items.Count - limit);
        return new Page<T>(items, cursor(items[^1]));
    }
}
