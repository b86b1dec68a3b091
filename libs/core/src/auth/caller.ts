/** Who is making a request, as the domain sees it. Services scope reads and writes by it. */
export interface Caller {
  userId: string;
  isAdmin: boolean;
}
