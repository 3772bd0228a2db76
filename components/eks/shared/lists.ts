/**
 * The elements of a list to check one by one: none when the list is over its limit, which the
 * shape check already reports once (instead of one problem per element of a 10,000-long list).
 */
export function checkable<T>(list: readonly T[], max: number): readonly T[] {
    return list.length <= max ? list : [];
}
