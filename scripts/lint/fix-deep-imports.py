# Rewrites deep imports between src/ folders to the folder index and adds the missing
# `export *` lines to that index.ts. Run from the repository root after merging a branch
# written before the boundaries (issue 14): python3 scripts/lint/fix-deep-imports.py
# MOVES maps files that moved (old path without .ts -> new) so old imports follow them.
import os,re,sys
ROOT=os.getcwd(); SRC=os.path.join(ROOT,'src')
MOVES={os.path.join(SRC,'auth/roles'):os.path.join(SRC,'shared/roles'), os.path.join(SRC,'auth/password'):os.path.join(SRC,'shared/password')}
pat=re.compile(r"""((?:from|import)\s*\(?\s*['"])(\.[^'"]*)(['"])""")
def files(d):
    for dp,dn,fn in os.walk(d):
        if 'node_modules' in dp: continue
        for f in fn:
            if f.endswith('.ts'): yield os.path.join(dp,f)
def resolve(base):
    for c in (base+'.ts', os.path.join(base,'index.ts')):
        if os.path.isfile(c): return c
    return None
def rel(frm,target):
    r=os.path.relpath(target,os.path.dirname(frm))
    if not r.startswith('.'): r='./'+r
    return r
needed={}  # folder -> set of inner paths (no .ts)
for f in list(files(SRC))+list(files(os.path.join(ROOT,'tests')))+list(files(os.path.join(ROOT,'scripts'))):
    s=open(f).read()
    def sub(m):
        spec=m.group(2)
        base=os.path.normpath(os.path.join(os.path.dirname(f),spec))
        if base in MOVES:
            base=MOVES[base]; spec=rel(f,base)
        if f.startswith(SRC+os.sep) and base.startswith(SRC+os.sep):
            own=os.path.relpath(f,SRC).split(os.sep)
            ownf=own[0] if len(own)>1 else None
            tp=os.path.relpath(base,SRC).split(os.sep)
            isdir=len(tp)==1 and os.path.isdir(base)
            tf=tp[0] if (len(tp)>1 or isdir) else None
            if tf and tf!=ownf and not isdir:
                inner='/'.join(tp[1:])
                if inner!='index':
                    needed.setdefault(tf,set()).add(inner)
                spec=rel(f,os.path.join(SRC,tf))
        return m.group(1)+spec+m.group(3)
    s2=pat.sub(sub,s)
    if s2!=s: open(f,'w').write(s2)
for folder,inners in sorted(needed.items()):
    p=os.path.join(SRC,folder,'index.ts')
    if os.path.exists(p): s=open(p).read()
    else: s=f"// The public surface of src/{folder}/: other folders import only this file (npm run lint checks).\n"
    have=set(re.findall(r"from '\./([^']+)'",s))
    add=[i for i in sorted(inners) if i not in have]
    if add:
        s=s.rstrip('\n')+'\n'+''.join(f"export * from './{i}';\n" for i in add)
        open(p,'w').write(s)
    print(folder,add)
