import json
import os
D=os.path.dirname(os.path.abspath(__file__))+'/'
def oa(delta=None, finish=None, usage=None, choices=True):
    c={"id":"chatcmpl-AX7pQ2mZ9kLr4TfB1","object":"chat.completion.chunk","created":1764165000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_560af6e559"}
    c["choices"]=[{"index":0,"delta":delta,"logprobs":None,"finish_reason":finish}] if choices else []
    c["usage"]=usage
    return "data: "+json.dumps(c,separators=(',',':'),ensure_ascii=False)+"\n\n"
# text
out=oa({"role":"assistant","content":"","refusal":None})
for p in ["Your"," strategy"," buys"," when"," RSI","(14)"," drops"," below"," 30"," and"," sells"," above"," 70","."," Shall"," I"," backtest"," it","?"]:
    out+=oa({"content":p})
out+=oa({},"stop")
out+=oa(None,None,{"prompt_tokens":1183,"completion_tokens":19,"total_tokens":1202,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},choices=False)
out+="data: [DONE]\n\n"
open(D+'openai-text.sse','w').write(out)
# tool calls
a0=json.dumps({"strategy_id":"st_42","tickers":["AAPL","MSFT"],"start_date":"2015-01-01","note":"café ☕ \"quoted\""},ensure_ascii=False)
a1='{}'
def frag(s,n):
    return [s[i:i+n] for i in range(0,len(s),n)]
out=oa({"role":"assistant","content":None,"tool_calls":[{"index":0,"id":"call_Vx3kP9sQm2Lw8RtY","type":"function","function":{"name":"backtest_strategy","arguments":""}}],"refusal":None})
for f in frag(a0,7):
    out+=oa({"tool_calls":[{"index":0,"function":{"arguments":f}}]})
out+=oa({"tool_calls":[{"index":1,"id":"call_Hb6nT1dZc4Fq0WeJ","type":"function","function":{"name":"list_user_strategies","arguments":""}}]})
for f in frag(a1,1):
    out+=oa({"tool_calls":[{"index":1,"function":{"arguments":f}}]})
out+=oa({},"tool_calls")
out+=oa(None,None,{"prompt_tokens":2210,"completion_tokens":64,"total_tokens":2274},choices=False)
out+="data: [DONE]\n\n"
open(D+'openai-tool-calls.sse','w').write(out)

def an(t, **k):
    d={"type":t}; d.update(k)
    return "event: "+t+"\ndata: "+json.dumps(d,separators=(',',':'),ensure_ascii=False)+"\n\n"
msg={"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":None,"stop_sequence":None,"usage":{"input_tokens":1310,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":2,"service_tier":"standard"}}
out=an("message_start",message=msg)
out+=an("content_block_start",index=0,content_block={"type":"text","text":""})
out+=an("ping")
for p in ["Your strategy"," buys when RSI(14)"," drops below 30"," and sells above 70."," Shall I backtest it?"]:
    out+=an("content_block_delta",index=0,delta={"type":"text_delta","text":p})
out+=an("content_block_stop",index=0)
out+=an("message_delta",delta={"stop_reason":"end_turn","stop_sequence":None},usage={"output_tokens":24})
out+=an("message_stop")
open(D+'anthropic-text.sse','w').write(out)
msg2=dict(msg); msg2["id"]="msg_014p7gG3wDgGV9EUtLvnow3U"; msg2["usage"]=dict(msg["usage"],input_tokens=2411,cache_read_input_tokens=100)
out=an("message_start",message=msg2)
out+=an("content_block_start",index=0,content_block={"type":"text","text":""})
for p in ["I'll backtest it"," on both tickers."]:
    out+=an("content_block_delta",index=0,delta={"type":"text_delta","text":p})
out+=an("content_block_stop",index=0)
out+=an("content_block_start",index=1,content_block={"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"backtest_strategy","input":{}})
out+=an("content_block_delta",index=1,delta={"type":"input_json_delta","partial_json":""})
for f in frag(a0,9):
    out+=an("content_block_delta",index=1,delta={"type":"input_json_delta","partial_json":f})
out+=an("content_block_stop",index=1)
out+=an("content_block_start",index=2,content_block={"type":"tool_use","id":"toolu_01QdR8wFz2yKc5Hn4VbM9sLe","name":"list_user_strategies","input":{}})
out+=an("content_block_stop",index=2)
out+=an("message_delta",delta={"stop_reason":"tool_use","stop_sequence":None},usage={"output_tokens":91})
out+=an("message_stop")
open(D+'anthropic-tool-use.sse','w').write(out)
